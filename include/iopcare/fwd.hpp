/// @file
/// Forward declarations of iopcare's main types, for headers of a host that
/// only pass them by reference.
#pragma once

namespace iopcare {
enum class errc : unsigned short;
struct error_info;
class error;
template <class T> class result;

class level_code;
struct hour_band;
struct care_level;
class catalog;
struct crosswalk_entry;

class service_id;
struct service;
class service_catalog;

struct transition_spec;
struct continuum_spec;
struct continuum_problem;
struct transition;
struct move_assessment;
class continuum;

struct assessment;
struct placement_rule;
struct placement_rules;
struct placement_reason;
struct placement;
struct candidacy;

struct stay;
struct episode;
struct episode_record;
struct episode_problem;
struct level_move;
struct level_outcomes;
struct follow_up_figures;
struct episode_report;

struct attendance_record;
struct enrollment_period;
struct certification;
struct attendance_log;
struct service_requirement;
struct day_tier;
struct rule_set;
struct violation;
struct day_result;
struct week_result;
struct patient_result;
struct tier_count;
struct validation_report;
struct validate_options;
class validator;
}  // namespace iopcare

namespace iopcare::sim {
class duration_distribution;
struct arrival_process;
struct level_spec;
struct route_spec;
struct scenario;
class scenario_builder;
struct run_options;
struct flow_event;
struct summary;
struct level_replication;
struct replication_result;
struct level_result;
struct simulation_result;
struct totals_result;
class event_log;
class replication_runner;
struct factor;
struct experiment;
struct experiment_result;
struct attendance_model;
struct attendance_options;
struct attendance_replication;
struct attendance_result;
struct violation_count;
struct week_means;
}  // namespace iopcare::sim
