#include "iopcare/patient.hpp"

#include <ostream>

namespace iopcare {

std::ostream& operator<<(std::ostream& os, const patient_id& p) { return os << p.str(); }

}  // namespace iopcare
