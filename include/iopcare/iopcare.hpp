/// @file
/// The umbrella header: everything in the core library.
/// Include single headers instead to keep compile times down.
#pragma once

#include "iopcare/version.hpp"
#include "iopcare/error.hpp"
#include "iopcare/text.hpp"
#include "iopcare/level.hpp"
#include "iopcare/catalog.hpp"
#include "iopcare/service.hpp"
#include "iopcare/continuum.hpp"
#include "iopcare/placement.hpp"
#include "iopcare/episodes.hpp"
#include "iopcare/sim/distribution.hpp"
#include "iopcare/sim/scenario.hpp"
#include "iopcare/sim/simulation.hpp"
#include "iopcare/sim/experiment.hpp"
#include "iopcare/holidays.hpp"
#include "iopcare/program.hpp"
#include "iopcare/schedule.hpp"
#include "iopcare/attendance.hpp"
#include "iopcare/rules.hpp"
#include "iopcare/validate.hpp"
#include "iopcare/sim/attendance.hpp"
