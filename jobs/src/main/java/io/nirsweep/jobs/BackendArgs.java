package io.nirsweep.jobs;

import io.nirsweep.model.NirException;
import io.nirsweep.model.NirGraph;
import io.nirsweep.sim.SimulationException;
import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.backend.Backends;
import io.nirsweep.sim.backend.StepLength;
import io.nirsweep.sim.engine.GraphCompiler;
import io.nirsweep.sim.engine.Program;

/** Naming a backend on the command line and compiling a model for it; what fails is the user's one-line error. */
final class BackendArgs {
    private BackendArgs() {}

    /** The backend of that name, or a user error listing the names there are. */
    static Backend backend(String name) {
        Backend b = Backends.byName(name);
        if (b == null) {
            throw new Main.UserError("--backend: no backend '" + name + "' (have: " + Backends.names() + ")");
        }
        return b;
    }

    /** {@code --dt}: seconds, or {@code native} for the importer's own; else a user error saying what is wrong. */
    static StepLength dt(String text) {
        try {
            return StepLength.parse(text);
        } catch (IllegalArgumentException e) {
            throw new Main.UserError("--dt: " + e.getMessage());
        }
    }

    /** The compiled program, or a user error "{@code what}: node 'x': ..." naming what the backend refuses. */
    static Program compile(Object what, NirGraph graph, Backend backend, StepLength dt) {
        try {
            return GraphCompiler.compile(graph, backend, dt, null);
        } catch (SimulationException | NirException e) {
            throw new Main.UserError(what + ": " + e.getMessage());
        }
    }
}
