// A first look at iopcare: the standard continuum of care, an IOP's weekly hour band, and a
// move that skips a step.
#include <iostream>

#include <iopcare/iopcare.hpp>

int main() {
    using namespace iopcare;
    const catalog& levels = catalog::asam3();
    const continuum& care = continuum::standard();

    const care_level& iop = levels.at("II.1");  // any common spelling works
    std::cout << "Level " << iop.code.str() << ": " << iop.name << "\n"
              << "  adults:      " << iop.hours_for(population::adult)->describe() << "\n"
              << "  adolescents: " << iop.hours_for(population::adolescent)->describe() << "\n\n";

    std::cout << "From residential (3.5) a patient may go to:\n";
    for (const transition& t : care.next_steps("3.5")) {
        std::cout << "  " << to_string(t.kind) << " -> " << t.to.str() << "  (" << t.criteria << ")\n";
    }

    const move_assessment jump = care.assess("3.5", "1");
    std::cout << "\nResidential straight to outpatient: " << (jump.allowed ? "standard" : "not a standard move")
              << ", skips";
    for (const level_code& skipped : jump.skipped) std::cout << " " << skipped.str();
    std::cout << "\nStandard step-down pathway 3.7 -> discharge:";
    for (const level_code& step : care.step_down_pathway("3.7", "discharge")) std::cout << " " << step.str();
    std::cout << "\n";
}
