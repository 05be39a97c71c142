// The iopcare.episodes/1 loader and writer.
#include "iopcare/io/episodes.hpp"

#include "iopcare/calendar.hpp"
#include "iopcare/io/continuum_json.hpp"
#include "io/json_reader.hpp"

namespace iopcare::io {

namespace {

using detail::json;
using detail::object_reader;

std::optional<discharge_reason> read_reason(object_reader& r) {
    const auto text = r.optional_string("reason");
    if (!text) return std::nullopt;
    if (auto reason = parse_discharge_reason(*text)) return reason;
    throw error(errc::invalid_episode, r.path_of("reason"), *text,
                "expected one of completed, transferred, dropped_out, terminated, incarcerated, died, other, unknown");
}

stay read_stay(const json& v, const std::string& path, const catalog& levels) {
    object_reader r(v, path);
    stay s;
    s.level = detail::as_level(r.require("level"), r.path_of("level"), levels);
    s.admitted = detail::as_date(r.require("admitted"), r.path_of("admitted"));
    if (const json* d = r.find("discharged")) s.discharged = detail::as_date(*d, r.path_of("discharged"));
    s.reason = read_reason(r);
    r.finish();
    return s;
}

episode read_episode(const json& v, const std::string& path, const catalog& levels) {
    object_reader r(v, path);
    episode e;
    e.patient = detail::as_patient(r.require("patient"), r.path_of("patient"));
    if (e.patient.str().find_first_not_of(" \t\r\n") == std::string::npos) {
        throw error(errc::invalid_episode, r.path_of("patient"), e.patient.str(), "an episode needs a patient");
    }
    const json& stays = r.array("stays");
    if (stays.empty()) throw error(errc::invalid_episode, r.path_of("stays"), "[]", "an episode needs at least one stay");
    for (std::size_t i = 0; i < stays.size(); ++i) {
        e.stays.push_back(read_stay(stays[i], r.path_of("stays") + "/" + std::to_string(i), levels));
    }
    r.finish();
    return e;
}

}  // namespace

episode_record parse_episodes(std::string_view json_text, std::string_view source) {
    const json root = detail::parse(json_text, source);
    object_reader r(root, "");
    r.expect_format("iopcare.episodes/1");
    episode_record record;
    const auto ed = detail::optional_edition(r);
    if (!ed) throw error(errc::missing_field, r.path_of("edition"), "", "required field 'edition' is missing");
    record.record_edition = *ed;
    const catalog& levels = catalog::of(record.record_edition);
    const json& episodes = r.array("episodes");
    for (std::size_t i = 0; i < episodes.size(); ++i) {
        record.episodes.push_back(read_episode(episodes[i], "/episodes/" + std::to_string(i), levels));
    }
    r.finish();
    return record;
}

episode_record load_episodes(const std::string& path) { return parse_episodes(read_text_file(path), path); }

std::string to_json(const episode_record& record, int indent) {
    nlohmann::ordered_json j;
    j["format"] = "iopcare.episodes/1";
    j["edition"] = std::string(to_string(record.record_edition));
    nlohmann::ordered_json episodes = nlohmann::ordered_json::array();
    for (const auto& e : record.episodes) {
        nlohmann::ordered_json stays = nlohmann::ordered_json::array();
        for (const auto& s : e.stays) {
            nlohmann::ordered_json sj;
            sj["level"] = s.level.str();
            sj["admitted"] = format_date(s.admitted);
            if (s.discharged) sj["discharged"] = format_date(*s.discharged);
            if (s.reason) sj["reason"] = std::string(to_string(*s.reason));
            stays.push_back(std::move(sj));
        }
        episodes.push_back({{"patient", e.patient}, {"stays", std::move(stays)}});
    }
    j["episodes"] = std::move(episodes);
    return detail::dump_text(j, indent);
}

}  // namespace iopcare::io
