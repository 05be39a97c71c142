/// @file
/// Length-of-stay (and time-to-dropout) distributions for the
/// patient-flow simulation.
///
/// A `duration_distribution` is a small value type: a kind and its parameters, all times in days
/// (`sim_days`). Sampling is done by iopcare itself from uniform numbers (inverse transform,
/// Marsaglia-Tsang), never by std:: distributions, whose output is
/// implementation-defined: a seed gives the same stays with every standard library.
#pragma once

#include <array>
#include <bit>
#include <chrono>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "iopcare/detail/export.hpp"

namespace iopcare::sim {

/// Simulation time: days as a double-precision chrono duration.
using sim_days = std::chrono::duration<double, std::ratio<86400>>;

/// The family of a duration_distribution; each value is named after its factory
/// (`exponential`, `lognormal`, `gamma`, `weibull`, `uniform`, `fixed`, `empirical`).
enum class distribution_kind : unsigned char { exponential, lognormal, gamma, weibull, uniform, fixed, empirical };

/// The family's name as scenario files write it ("lognormal").
[[nodiscard]] IOPCARE_API std::string_view to_string(distribution_kind k) noexcept;

/// A source of uniform numbers in the open interval (0, 1): anything with `double next()`.
template <class U>
concept uniform_source = requires(U& u) {
    { u.next() } -> std::convertible_to<double>;
};

namespace detail {
// The standard normal quantile for |p - 1/2| < 0.47575, as 64 polynomials of degree 7 in the
// distance t from the middle of each of 64 equal slices of |p - 1/2| (Chebyshev interpolation
// of the exact quantile; relative error below 2e-11), eight coefficients a slice, constant term
// first. No division: the polynomial is evaluated by Estrin's scheme, whose dependency chain is
// a third of a rational function's with its division.
inline constexpr std::array<double, 512> normal_central{
    0x1.314aac06ee475p-7, 0x1.40dcc29dc3fdfp+1, 0x1.df97ba780bac0p-6, 0x1.5018010c52900p+1, 0x1.b78545dd28055p-4, 0x1.71bbad73c0c95p+2, 0x1.a1ab35264c22bp-2, 0x1.f6276e1f46e1cp+3,
    0x1.c9fd9458d1a36p-6, 0x1.40f94ae4efd7ap+1, 0x1.67fc72172f07ap-4, 0x1.50e953630bc37p+1, 0x1.4a555d3eb61d9p-2, 0x1.7410eb77e916cp+2, 0x1.3a80519cd1a38p+0, 0x1.fc2adb7adbce8p+3,
    0x1.7dbf4906a1d65p-5, 0x1.41326d39e8017p+1, 0x1.2c79b06e9db05p-3, 0x1.528d4a5921f5bp+1, 0x1.146fe1b4d89a8p-1, 0x1.78c28f7a062aep+2, 0x1.082de555f12c9p+1, 0x1.0427d3163132bp+4,
    0x1.0b50e566a6890p-4, 0x1.41884d46ab206p+1, 0x1.a5b0f59905723p-3, 0x1.55068e8e27d5ep+1, 0x1.8575efd0b0d9ap-1, 0x1.7fdf0d148deebp+2, 0x1.764b0bcc278c5p+1, 0x1.0d694536feb7fp+4,
    0x1.57da04008dbe9p-4, 0x1.41fb20d269bdap+1, 0x1.0ff868e0ce803p-2, 0x1.585927296de7ap+1, 0x1.f8f7f0fd53b82p-1, 0x1.897c6bd6e352ap+2, 0x1.e8f4099fbad6ap+1, 0x1.1a086906a24a0p+4,
    0x1.a481eb8c28f54p-4, 0x1.428b3019223bep+1, 0x1.4dc3df305162fp-2, 0x1.5c8a86565bd5cp+1, 0x1.37dc5beb14801p+0, 0x1.95b8b65e8ee12p+2, 0x1.30ce2a60ec1a3p+2, 0x1.2a45866af2c4cp+4,
    0x1.f14f9ab0c5043p-4, 0x1.4338d64214caap+1, 0x1.8c6334ce848f9p-2, 0x1.61a19a4b588c0p+1, 0x1.7542a48901418p+0, 0x1.a4ba93738376ap+2, 0x1.70eb11a9d2c6ep+2, 0x1.3e746e28d7ce5p+4,
    0x1.1f2514099aeb3p-3, 0x1.440481f681eb9p+1, 0x1.cc0020d47dc62p-2, 0x1.67a6e3321a9d2p+1, 0x1.b51bc3af32bccp+0, 0x1.b6b20dadc221fp+2, 0x1.b5ad86cec723ap+2, 0x1.56fefd6c0f030p+4,
    0x1.45bc63878a120p-3, 0x1.44eeb61a905c9p+1, 0x1.06630237b4bd0p-1, 0x1.6ea48e62a14e5p+1, 0x1.f7dc911e0da9cp+0, 0x1.cbd98fa29fa24p+2, 0x1.00057852cf615p+3, 0x1.746859e9de757p+4,
    0x1.6c71665020158p-3, 0x1.45f80aaaab139p+1, 0x1.27711d2750d0cp-1, 0x1.76a6977fe499ep+1, 0x1.1f01b62553b64p+1, 0x1.e4771c502f5f0p+2, 0x1.288b7e74ccfa0p+3, 0x1.97510a098c96bp+4,
    0x1.9347da42d4a1ap-3, 0x1.47212dc028079p+1, 0x1.49423646a2f30p-1, 0x1.7fbaf02779ba5p+1, 0x1.440d08970ebaep+1, 0x1.006ee6c511574p+3, 0x1.550520b28b440p+3, 0x1.c07c16fb9f56ep+4,
    0x1.ba4393538b26ep-3, 0x1.486ae4c0979f1p+1, 0x1.6bef792b263f1p-1, 0x1.89f1af0d246a1p+1, 0x1.6b5bd5f0f5744p+1, 0x1.10b7d252e742bp+3, 0x1.862507a8bfad0p+3, 0x1.f0d573d8d53fep+4,
    0x1.e1687e6445a66p-3, 0x1.49d60dbbbe358p+1, 0x1.8f939b5662770p-1, 0x1.955d4789fb70fp+1, 0x1.95419c2dc13ebp+1, 0x1.234fde554263ep+3, 0x1.bcb8e213b899cp+3, 0x1.14bcfad197be7p+5,
    0x1.045d5225bc716p-2, 0x1.4b63a0fcf12e8p+1, 0x1.b44b14faed5e0p-1, 0x1.a212cade22074p+1, 0x1.c21b1f119adb5p+1, 0x1.387a788404541p+3, 0x1.f9aefa83c51dap+3, 0x1.35e09ebeb26d2p+5,
    0x1.181f1686b871cp-2, 0x1.4d14b2d5643c7p+1, 0x1.da346010645e9p-1, 0x1.b02a34a63eba1p+1, 0x1.f24ffd857e864p+1, 0x1.5086883cf809bp+3, 0x1.1f0e7a3a8ce04p+4, 0x1.5ca5091441312p+5,
    0x1.2bfbb1a7f5eb8p-2, 0x1.4eea75a5e7787p+1, 0x1.00b81f65214eap+0, 0x1.bfbec4556fbe7p+1, 0x1.132a44f6131b3p+2, 0x1.6bd05cc74325fp+3, 0x1.45a3fcd8d9eb7p+4, 0x1.8a04e4f173871p+5,
    0x1.3ff55c07f3e5bp-2, 0x1.50e63c2fb2701p+1, 0x1.151105598a87ap+0, 0x1.d0ef65e4d1ea5p+1, 0x1.2f55f9aed320cp+2, 0x1.8ac402cc33a2ap+3, 0x1.71575a001065bp+4, 0x1.bf2fca72dd60ap+5,
    0x1.540e63514d4bcp-2, 0x1.53097c35239b2p+1, 0x1.2a3806f254a94p+0, 0x1.e3df2c5eebc33p+1, 0x1.4df56863b3045p+2, 0x1.ade0180a20ca9p+3, 0x1.a30ac3f14a9d1p+4, 0x1.fd965b5db02fbp+5,
    0x1.68492c85d877bp-2, 0x1.5555d174e0badp+1, 0x1.4041f40c41eb5p+0, 0x1.f8b5e17cb55a7p+1, 0x1.6f5d1162e07bfp+2, 0x1.d5b93a2a1b15fp+3, 0x1.dbcad2ada98bdp+4, 0x1.237cc3aa251aep+6,
    0x1.7ca8365a24c44p-2, 0x1.57cd010b8fad3p+1, 0x1.574580ce66be6p+0, 0x1.07d0571d1def2p+2, 0x1.93ed72f12c4a6p+2, 0x1.017f1a9513d52p+4, 0x1.0e6beb6f1af83p+5, 0x1.4ebeef1de6105p+6,
    0x1.912e1bc7da4e7p-2, 0x1.5a70fd4a7f483p+1, 0x1.6f5b874e264a2p+0, 0x1.146970914c10fp+2, 0x1.bc152a7ee4c8ep+2, 0x1.1b3e8fbf21b79p+4, 0x1.33d8b931ac0fap+5, 0x1.81e2103b441a4p+6,
    0x1.a5dd96de6d15cp-2, 0x1.5d43ea141f676p+1, 0x1.889f52d00612fp+0, 0x1.22436c1090ba2p+2, 0x1.e85381b5b184ep+2, 0x1.3894cf488ae26p+4, 0x1.5f128b122bbadp+5, 0x1.be844f6b89f3dp+6,
    0x1.bab983daabd95p-2, 0x1.604821d22d85ep+1, 0x1.a32ef6622c780p+0, 0x1.317f8a7b5a7ddp+2, 0x1.0c9dc00990ad9p+3, 0x1.5a124f4aa62d6p+4, 0x1.91301a8f7caf0p+5, 0x1.0352e05119341p+7,
    0x1.cfc4e48efcc05p-2, 0x1.63803b1d1cbd5p+1, 0x1.bf2bb0e7b9d95p+0, 0x1.4243c28c10234p+2, 0x1.27bbd00b8f4f7p+3, 0x1.8062eef062c85p+4, 0x1.cb839eace8ba8p+5, 0x1.2e61301c96156p+7,
    0x1.e502e427a04aep-2, 0x1.66ef0f30a0d6cp+1, 0x1.dcba611bb41b0p+0, 0x1.54bb83e73d29bp+2, 0x1.45e727994baecp+3, 0x1.ac53e402c8bbdp+4, 0x1.07d4af8c82927p+6, 0x1.61f9e602434bbp+7,
    0x1.fa76db5822f03p-2, 0x1.6a97c14e919b5p+1, 0x1.fc040c9c801b5p+0, 0x1.6918a009ad85ep+2, 0x1.6793b516e81e6p+3, 0x1.dedb20ef8710dp+4, 0x1.2fcd263a02ad8p+6, 0x1.a00ea3a804105p+7,
    0x1.08122a80a76b0p-1, 0x1.6e7dc737cf30ep+1, 0x1.0e9b3ede8c4a8p+1, 0x1.7f94617dceabdp+2, 0x1.8d497abbee335p+3, 0x1.0c904e42f160cp+5, 0x1.5ee1ee0909c0ap+6, 0x1.eb12c3f516b42p+7,
    0x1.130789b0c26a5p-1, 0x1.72a4f2eab3292p+1, 0x1.20427e585ba7dp+1, 0x1.9870dbe5eb238p+2, 0x1.b7a8b1658272ap+3, 0x1.2e4502d2ef6c4p+5, 0x1.969369927763bp+6, 0x1.2310c68c76eacp+8,
    0x1.1e1d8af23f7f0p-1, 0x1.77117de04991bp+1, 0x1.331494da63434p+1, 0x1.b3fa822a999f0p+2, 0x1.e76ee6a1c1555p+3, 0x1.5564ccd087a3fp+5, 0x1.d8bfa2428d3e2p+6, 0x1.5a988136436d4p+8,
    0x1.29564fd59ef84p-1, 0x1.7bc8160d8259cp+1, 0x1.4731ff99f0705p+1, 0x1.d28a13aecbe82p+2, 0x1.0ebead1d386d6p+4, 0x1.82f88843e52bbp+5, 0x1.13de35b94d196p+7, 0x1.9eaafe71c5ea9p+8,
    0x1.34b41f74b6366p-1, 0x1.80cdecfc61dddp+1, 0x1.5cbf8248735f4p+1, 0x1.f486f6125776ep+2, 0x1.2d707a4200a36p+4, 0x1.b844f2b4c959ap+5, 0x1.433ce42b32b5fp+7, 0x1.f2900ba656884p+8,
    0x1.40396a9d85c29p-1, 0x1.8628c963baf94p+1, 0x1.73e6de3bbe106p+1, 0x1.0d350b9393c1bp+3, 0x1.506e257b1faaep+4, 0x1.f6da596769c1fp+5, 0x1.7c57c2339277ep+7, 0x1.2d45af6b178ecp+9,
    0x1.4be8d08dfe754p-1, 0x1.8bdf1bbb38d41p+1, 0x1.8cd7ae2f24aa5p+1, 0x1.2260bd6787c5fp+3, 0x1.787a27716d5e6p+4, 0x1.20547ea9db1dfp+6, 0x1.c18d0c388e216p+7, 0x1.6e192e5f3b261p+9,
    0x1.57c52459a9102p-1, 0x1.91f81666d3fa3p+1, 0x1.a7c86f45c9764p+1, 0x1.3a1a519b11c7bp+3, 0x1.a6803b3d77cc3p+4, 0x1.4c0de401a4a16p+6, 0x1.0af3292920d85p+8, 0x1.bf7163f4d0510p+9,
    0x1.63d1731748801p-1, 0x1.987bca3a13893p+1, 0x1.c4f7c256f6c89p+1, 0x1.54c5082360795p+3, 0x1.db9fbc426d17bp+4, 0x1.801dc5455fd22p+6, 0x1.3ea80e991be7dp+8, 0x1.131a1f260c6eap+10,
    0x1.70110afaf542bp-1, 0x1.9f73484327c45p+1, 0x1.e4adf3adf90d5p+1, 0x1.72d7135964217p+3, 0x1.0c9c85e380816p+5, 0x1.be6ef0f22e03fp+6, 0x1.7e73128557064p+8, 0x1.5479c89d616eep+10,
    0x1.7c87838933737p-1, 0x1.a6e8ca0b5584dp+1, 0x1.039f6dc629e67p+2, 0x1.94ddf4c359b30p+3, 0x1.307f819a0956fp+5, 0x1.04b908ac1f9f2p+7, 0x1.cdae590b58e51p+8, 0x1.a849c6b90ccffp+10,
    0x1.8938c7199dcd0p-1, 0x1.aee7e1c9e0346p+1, 0x1.168617a41b505p+2, 0x1.bb840aee0ca5ep+3, 0x1.5a86edf298373p+5, 0x1.322422f5117c3p+7, 0x1.1864f19754d62p+9, 0x1.0a4ea0cb2c3b8p+11,
    0x1.96291dec9057dp-1, 0x1.b77db46ee9612p+1, 0x1.2b44312d923fbp+2, 0x1.e797b1987b4f0p+3, 0x1.8c04c26f01e82p+5, 0x1.697eb05039564p+7, 0x1.56d9b55daf149p+9, 0x1.50eb90113384ep+11,
    0x1.a35d3b27a004cp-1, 0x1.c0b93ff555d4cp+1, 0x1.421d20717734ep+2, 0x1.0d0a3c9f03ef4p+4, 0x1.c6a3175675b86p+5, 0x1.ad6c2c2462adap+7, 0x1.a63553611fcd9p+9, 0x1.add5dfda20917p+11,
    0x1.b0da4c21caadep-1, 0x1.caabb121f8ce5p+1, 0x1.5b60bd8bc3595p+2, 0x1.2a1796f2144bbp+4, 0x1.063fc1c0e6c36p+6, 0x1.00b2e8668e522p+8, 0x1.05f5e2a446205p+10, 0x1.14a88fa633625p+12,
    0x1.bea60a83be7c2p-1, 0x1.d568cccc85845p+1, 0x1.776e36578afa2p+2, 0x1.4bb2d71586f74p+4, 0x1.302838dd7575ap+6, 0x1.3504fc3735bc9p+8, 0x1.47c0f9b63c368p+10, 0x1.67972ef691638p+12,
    0x1.ccc6d1e49a3ffp-1, 0x1.e107721d3686bp+1, 0x1.96b7c34457254p+2, 0x1.72c9ff08e7e0bp+4, 0x1.62cc51caa73d4p+6, 0x1.76c6da59f16d5p+8, 0x1.9dbb3e17443a3p+10, 0x1.d846f8de32b5cp+12,
    0x1.db43b9bb3baf8p-1, 0x1.eda23cf559553p+1, 0x1.b9c773f695b70p+2, 0x1.a0884efc9512fp+4, 0x1.a07791a514305p+6, 0x1.ca30cb1227b32p+8, 0x1.07a81dd54bf0bp+11, 0x1.39a7dace3745dp+13,
    0x1.ea24b4bc0b194p-1, 0x1.fb58523715ff2p+1, 0x1.e1457675ed5fcp+2, 0x1.d6698cdd2bddfp+4, 0x1.ec328a318ed48p+6, 0x1.1a890ee63bbaap+9, 0x1.539228cca2db9p+11, 0x1.a5c0c2ce42484p+13,
    0x1.f972b711a772dp-1, 0x1.052731917f96fp+2, 0x1.07003266780e1p+3, 0x1.0b2a4a69585a0p+5, 0x1.2505f6cc7e551p+7, 0x1.5fc345fbb449ep+9, 0x1.ba5ba6a6c209ap+11, 0x1.1f5cde240ff01p+14,
    0x1.049bf2aaa907fp+0, 0x1.0d57fd01e6821p+2, 0x1.207c310e32ca8p+3, 0x1.31603a51cd59dp+5, 0x1.5fc18be197fb6p+7, 0x1.ba851c6aaeb5fp+9, 0x1.23bf5827b11c7p+12, 0x1.8d5a5bcfbdb72p+14,
    0x1.0cbfe76844e92p+0, 0x1.165894d0d3e95p+2, 0x1.3db71641306b6p+3, 0x1.5f7484573157fp+5, 0x1.aa1301ae409cbp+7, 0x1.19896832000eep+10, 0x1.8625670cd73cbp+12, 0x1.172aa8473e123p+15,
    0x1.152bdb3c954d3p+0, 0x1.204861d288207p+2, 0x1.5f7bebaf7c8bfp+3, 0x1.978d67e85b134p+5, 0x1.049ff62cdc26ap+8, 0x1.6ac4b9f2d22a4p+10, 0x1.08d8ea8938e01p+13, 0x1.8f47949bbb059p+15,
    0x1.1de777b2b088fp+0, 0x1.2b4da50aa109bp+2, 0x1.86cee05c76678p+3, 0x1.dc91179b77facp+5, 0x1.4262264ddf52fp+8, 0x1.da019831355e8p+10, 0x1.6dacc9120ac82p+13, 0x1.23351960c70f9p+16,
    0x1.26fba9ac2d772p+0, 0x1.3797744d314b5p+2, 0x1.b501dd65c1f62p+3, 0x1.193c7e9daa71fp+6, 0x1.93ba27b477412p+8, 0x1.3a89570ce897bp+11, 0x1.0139ea49a51c5p+14, 0x1.b233b7608ff03p+16,
    0x1.3072ee6b571a3p+0, 0x1.45607437173b0p+2, 0x1.ebd257f857802p+3, 0x1.4f688fcd48e90p+6, 0x1.00541f6b403acp+9, 0x1.a8cc6c969505ep+11, 0x1.71976e78607e0p+14, 0x1.4bc9e48f4751ap+17,
    0x1.3a59b9394aa10p+0, 0x1.54f2a79120ecfp+2, 0x1.16caba97d5c6bp+4, 0x1.94bff3b7fb0f6p+6, 0x1.4aa3e43e1de16p+9, 0x1.249696c377b4bp+12, 0x1.0fee945b2d097p+15, 0x1.04b488b5676d2p+18,
    0x1.44befbcdd873ep+0, 0x1.66acde8893c6bp+2, 0x1.3ebd7b74eddbfp+4, 0x1.ef0412f84ff63p+6, 0x1.b234ef836161ep+9, 0x1.9c3fd1a864cb9p+12, 0x1.9b323f6c31b37p+15, 0x1.a6f3f7c69d007p+18,
    0x1.4fb4e0e410395p+0, 0x1.7b0aa57522272p+2, 0x1.6ffac04b1eb4dp+4, 0x1.33682bac8d959p+7, 0x1.230d50be55563p+10, 0x1.2a11184dbee63p+13, 0x1.40ca0a4e3b2d7p+16, 0x1.63e527517fc2dp+19,
    0x1.5b51d10ff91dbp+0, 0x1.92b02877cdf02p+2, 0x1.adb114ed1ccedp+4, 0x1.84b3e5adadc2fp+7, 0x1.8facf189305bbp+10, 0x1.bc3ecebc9de1ep+13, 0x1.038eb6eb3c217p+17, 0x1.3885190bd7db4p+20,
    0x1.67b1e8a6cf0e5p+0, 0x1.ae7c91f8f55d1p+2, 0x1.fc8fcf865022bp+4, 0x1.f5f92bf04bab2p+7, 0x1.1a4ca33b37a33p+11, 0x1.570e9285893dbp+14, 0x1.b67b0849cc1e3p+17, 0x1.20947a5ee5060p+21,
    0x1.74f91fa18daafp+0, 0x1.cfa7724720b3ap+2, 0x1.31dcb9acd873dp+5, 0x1.4c65f95c5fc81p+8, 0x1.9c855aa962911p+11, 0x1.14702da990d09p+15, 0x1.85eb1d859e37ep+18, 0x1.1afd00ca84815p+22,
    0x1.835694bf3594ep+0, 0x1.f7f1d4ad7365cp+2, 0x1.773efb527ed15p+5, 0x1.c5ebf5a2b8d39p+8, 0x1.3a15ce06625c6p+12, 0x1.d532eab0b31eap+15, 0x1.71249bdb8ee20p+19, 0x1.2a95011a21b02p+23,
    0x1.9309cbe416337p+0, 0x1.14fe32cfc014bp+3, 0x1.d7d99012307e7p+5, 0x1.41f9a3bb3e087p+9, 0x1.f76b8aaa8a569p+12, 0x1.a8ac3a0a675bap+16, 0x1.79cc1f00b6609p+20, 0x1.5913762a723d2p+24,
    0x1.a46b75d9d6286p+0, 0x1.34f41fb7eea3ap+3, 0x1.322affdee150ap+6, 0x1.df8a83c1ea4f9p+9, 0x1.aeba2352a9bbfp+13, 0x1.a1511aa5b7334p+17, 0x1.ab2a7e6b62df1p+21, 0x1.c00eb25d20c9bp+25,
    0x1.b7fd1937d8b73p+0, 0x1.5f4d91f9b2323p+3, 0x1.9e480217d6e0ep+6, 0x1.7cd4501938398p+10, 0x1.91d32bec48f5cp+14, 0x1.c92b1b640313dp+18, 0x1.138e3d0131c8ep+23, 0x1.535db7f838c2cp+27,
    0x1.ce875f58571a1p+0, 0x1.9a490ba0f0121p+3, 0x1.29028677eca00p+7, 0x1.4a96a25a94cedp+11, 0x1.a684c09e815e3p+15, 0x1.230a73c31b14ap+20, 0x1.aaf693eadc5bep+24, 0x1.3e55e77fe2d2ep+29,
    0x1.e95b84340e1d0p+0, 0x1.f28b3049ac86fp+3, 0x1.cff925604ec1ap+7, 0x1.4741c0479018ep+12, 0x1.090838d04c68ap+17, 0x1.ce918d37cc41cp+21, 0x1.b20f211a93081p+26, 0x1.9a06b845ed8f7p+31};
inline constexpr double normal_central_slice = 0x1.e72b020c49ba6p-8;  // 0.47575 / 64
inline constexpr double normal_central_slices_per_unit = 0x1.0d0c82c1fbf6ep+7;  // 64 / 0.47575

// Standard normal quantile: division-free in the centre (normal_central), and in the tails
// (p below 0.02425 or above 0.97575, one draw in twenty) Acklam's rational approximation in
// sqrt(-2 log p) (relative error below 1.2e-9). Free of trigonometry: one uniform gives one
// normal.
[[nodiscard]] inline double normal_quantile(double p) noexcept {
    constexpr double c0 = -7.784894002430293e-03, c1 = -3.223964580411365e-01, c2 = -2.400758277161838e+00,
                     c3 = -2.549732539343734e+00, c4 = 4.374664141464968e+00, c5 = 2.938163982698783e+00;
    constexpr double d0 = 7.784695709041462e-03, d1 = 3.224671290700398e-01, d2 = 2.445134137142996e+00,
                     d3 = 3.754408661907416e+00;
    constexpr double plow = 0.02425;
    if (p > plow && p < 1.0 - plow) {
        const double q = p - 0.5, aq = std::abs(q);
        auto i = static_cast<std::size_t>(aq * normal_central_slices_per_unit);
        i = i < 63 ? i : 63;
        const double* c = &normal_central[i * 8];
        const double t = aq - (static_cast<double>(i) + 0.5) * normal_central_slice;
        const double t2 = t * t, t4 = t2 * t2;
        const double low = (c[0] + c[1] * t) + (c[2] + c[3] * t) * t2;
        const double high = (c[4] + c[5] * t) + (c[6] + c[7] * t) * t2;
        return std::copysign(low + high * t4, q);
    }
    const double tail = p < 0.5 ? p : 1.0 - p;
    const double q = std::sqrt(-2.0 * std::log(tail));
    const double x = (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) /
                     ((((d0 * q + d1) * q + d2) * q + d3) * q + 1.0);
    return p < 0.5 ? x : -x;
}

// 2^(j/64) for j = 0..63, each the double nearest the exact value.
inline constexpr std::array<double, 64> exp2_64ths{
    0x1.0000000000000p+0, 0x1.02c9a3e778061p+0, 0x1.059b0d3158574p+0, 0x1.0874518759bc8p+0,
    0x1.0b5586cf9890fp+0, 0x1.0e3ec32d3d1a2p+0, 0x1.11301d0125b51p+0, 0x1.1429aaea92de0p+0,
    0x1.172b83c7d517bp+0, 0x1.1a35beb6fcb75p+0, 0x1.1d4873168b9aap+0, 0x1.2063b88628cd6p+0,
    0x1.2387a6e756238p+0, 0x1.26b4565e27cddp+0, 0x1.29e9df51fdee1p+0, 0x1.2d285a6e4030bp+0,
    0x1.306fe0a31b715p+0, 0x1.33c08b26416ffp+0, 0x1.371a7373aa9cbp+0, 0x1.3a7db34e59ff7p+0,
    0x1.3dea64c123422p+0, 0x1.4160a21f72e2ap+0, 0x1.44e086061892dp+0, 0x1.486a2b5c13cd0p+0,
    0x1.4bfdad5362a27p+0, 0x1.4f9b2769d2ca7p+0, 0x1.5342b569d4f82p+0, 0x1.56f4736b527dap+0,
    0x1.5ab07dd485429p+0, 0x1.5e76f15ad2148p+0, 0x1.6247eb03a5585p+0, 0x1.6623882552225p+0,
    0x1.6a09e667f3bcdp+0, 0x1.6dfb23c651a2fp+0, 0x1.71f75e8ec5f74p+0, 0x1.75feb564267c9p+0,
    0x1.7a11473eb0187p+0, 0x1.7e2f336cf4e62p+0, 0x1.82589994cce13p+0, 0x1.868d99b4492edp+0,
    0x1.8ace5422aa0dbp+0, 0x1.8f1ae99157736p+0, 0x1.93737b0cdc5e5p+0, 0x1.97d829fde4e50p+0,
    0x1.9c49182a3f090p+0, 0x1.a0c667b5de565p+0, 0x1.a5503b23e255dp+0, 0x1.a9e6b5579fdbfp+0,
    0x1.ae89f995ad3adp+0, 0x1.b33a2b84f15fbp+0, 0x1.b7f76f2fb5e47p+0, 0x1.bcc1e904bc1d2p+0,
    0x1.c199bdd85529cp+0, 0x1.c67f12e57d14bp+0, 0x1.cb720dcef9069p+0, 0x1.d072d4a07897cp+0,
    0x1.d5818dcfba487p+0, 0x1.da9e603db3285p+0, 0x1.dfc97337b9b5fp+0, 0x1.e502ee78b3ff6p+0,
    0x1.ea4afa2a490dap+0, 0x1.efa1bee615a27p+0, 0x1.f50765b6e4540p+0, 0x1.fa7c1819e90d8p+0};

// e^x within two ulps of the C library's exp (checked over a million arguments in the tests),
// inline, and the same on every platform with IEEE doubles (C libraries' exp differ in the
// last bit, and as a call it makes the compiler spill registers around it).
// x = (k/64) ln 2 + r with |r| <= ln2/128, so e^x = 2^(k div 64) 2^((k mod 64)/64) e^r, the
// last by its Taylor polynomial to r^5 (truncation below 4e-17). Arguments outside +-708
// (overflow, underflow, NaN) go to std::exp.
[[nodiscard]] inline double exp(double x) noexcept {
    if (!(x > -708.0 && x < 708.0)) return std::exp(x);
    constexpr double shifter = 0x1.8p52;               // adding it rounds to an integer
    constexpr double inv_step = 0x1.71547652b82fep+6;  // 64 / ln 2
    constexpr double step_hi = 0x1.62e42fee00000p-7;   // ln 2 / 64 in two parts, the first
    constexpr double step_lo = 0x1.a39ef35793c76p-39;  //   exact when multiplied by |k| < 2^21
    const double kd = (x * inv_step + shifter) - shifter;  // round(x * 64 / ln 2), exactly
    const auto k = static_cast<std::int64_t>(kd);
    const double r = (x - kd * step_hi) - kd * step_lo;
    const double r2 = r * r;
    const double p = 1.0 + (r + r2 * (0.5 + r * (1.0 / 6.0) + r2 * (1.0 / 24.0 + r * (1.0 / 120.0))));
    const std::uint64_t scale = std::bit_cast<std::uint64_t>(exp2_64ths[static_cast<std::size_t>(k & 63)]) +
                                (static_cast<std::uint64_t>(k >> 6) << 52);
    return std::bit_cast<double>(scale) * p;
}
}  // namespace detail

/// A distribution of durations in days (a length of stay, a time to dropout): a kind and its
/// parameters, sampled by iopcare's own code so that a seed gives the same draws everywhere.
class IOPCARE_API duration_distribution {
public:
    /// Exponential with a mean. Every factory validates its natural parameters and throws
    /// errc::invalid_distribution naming the parameter ("sd", "shape", ...) and its value.
    [[nodiscard]] static duration_distribution exponential(sim_days mean);
    /// Lognormal by the mean and sd of log(days).
    [[nodiscard]] static duration_distribution lognormal(double mu, double sigma);
    /// Lognormal by the mean and sd of the stay itself.
    [[nodiscard]] static duration_distribution lognormal_mean_sd(sim_days mean, sim_days sd);
    /// Gamma by shape and scale.
    [[nodiscard]] static duration_distribution gamma(double shape, sim_days scale);
    /// Gamma by the mean and sd of the stay.
    [[nodiscard]] static duration_distribution gamma_mean_sd(sim_days mean, sim_days sd);
    /// Weibull by shape and scale.
    [[nodiscard]] static duration_distribution weibull(double shape, sim_days scale);
    /// Uniform between `low` and `high`.
    [[nodiscard]] static duration_distribution uniform(sim_days low, sim_days high);
    /// Always `value`.
    [[nodiscard]] static duration_distribution fixed(sim_days value);
    /// Equally likely observed values (resampled as given).
    [[nodiscard]] static duration_distribution empirical(std::vector<sim_days> values);

    duration_distribution() = default;  ///< fixed at zero days

    /// The family.
    [[nodiscard]] distribution_kind kind() const noexcept { return kind_; }
    /// The two natural parameters (mu/sigma, shape/scale, low/high, mean, value; unused = 0).
    ///@{
    [[nodiscard]] double first() const noexcept { return a_; }
    [[nodiscard]] double second() const noexcept { return b_; }
    ///@}
    /// The observed values of an empirical distribution, in days (empty for the others).
    [[nodiscard]] const std::vector<double>& values() const noexcept { return values_; }

    /// Analytic mean, in days.
    [[nodiscard]] sim_days mean() const noexcept;
    /// Analytic variance, in days squared.
    [[nodiscard]] double variance() const noexcept;

    /// One draw, in days. Uses one uniform (the lognormal by the inverse normal) except gamma,
    /// which takes a few by rejection.
    template <uniform_source U>
    [[nodiscard]] double sample_days(U& u) const noexcept;
    template <uniform_source U>
    /// One draw, as a duration.
    [[nodiscard]] sim_days sample(U& u) const noexcept { return sim_days(sample_days(u)); }

    /// "lognormal(mean 28, sd 10)" and so on.
    [[nodiscard]] std::string describe() const;

    /// Equal when kind and parameters are.
    friend bool operator==(const duration_distribution&, const duration_distribution&) = default;

private:
    duration_distribution(distribution_kind k, double a, double b) noexcept : kind_(k), a_(a), b_(b) {}
    distribution_kind kind_ = distribution_kind::fixed;
    double a_ = 0.0;
    double b_ = 0.0;
    std::vector<double> values_{};
};

/// Inverse of the standard normal distribution function (detail::normal_quantile refined by one
/// Halley step to near double precision); for statistics and for hosts that draw their own.
[[nodiscard]] IOPCARE_API double inverse_normal(double p) noexcept;

/// The 0.975 quantile of Student's t with `df` degrees of freedom (for 95% intervals).
[[nodiscard]] IOPCARE_API double student_t_975(int df) noexcept;

template <uniform_source U>
double duration_distribution::sample_days(U& u) const noexcept {
    switch (kind_) {
        case distribution_kind::exponential: return -a_ * std::log(u.next());
        case distribution_kind::lognormal: return detail::exp(a_ + b_ * detail::normal_quantile(u.next()));
        case distribution_kind::gamma: {
            // Marsaglia and Tsang (2000); shape < 1 boosted by U^(1/shape).
            const double k = a_ < 1.0 ? a_ + 1.0 : a_;
            const double d = k - 1.0 / 3.0;
            const double c = 1.0 / std::sqrt(9.0 * d);
            double x = 0.0;
            for (;;) {
                const double z = detail::normal_quantile(u.next());
                const double v0 = 1.0 + c * z;
                if (v0 <= 0.0) continue;
                const double v = v0 * v0 * v0;
                const double w = u.next();
                if (std::log(w) < 0.5 * z * z + d - d * v + d * std::log(v)) {
                    x = d * v;
                    break;
                }
            }
            if (a_ < 1.0) x *= std::pow(u.next(), 1.0 / a_);
            return x * b_;
        }
        case distribution_kind::weibull: return b_ * std::pow(-std::log(u.next()), 1.0 / a_);
        case distribution_kind::uniform: return a_ + (b_ - a_) * u.next();
        case distribution_kind::fixed: return a_;
        case distribution_kind::empirical: {
            const auto n = values_.size();
            auto i = static_cast<std::size_t>(u.next() * static_cast<double>(n));
            if (i >= n) i = n - 1;
            return values_[i];
        }
    }
    return a_;
}

}  // namespace iopcare::sim
