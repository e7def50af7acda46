package io.nirsweep.jobs;

import io.nirsweep.model.NirException;
import io.nirsweep.model.NirGraph;
import io.nirsweep.sim.SimulationException;
import io.nirsweep.sim.backend.Backend;
import io.nirsweep.sim.backend.Backends;
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

    /** The compiled program, or a user error "{@code what}: node 'x': ..." naming what the backend refuses. */
    static Program compile(Object what, NirGraph graph, Backend backend, double dt) {
        try {
            return GraphCompiler.compile(graph, backend, dt);
        } catch (SimulationException | NirException e) {
            throw new Main.UserError(what + ": " + e.getMessage());
        }
    }
}
