package io.dialer.simulation;

import io.dialer.platform.ApiProblem;
import io.dialer.platform.Ids;
import io.dialer.platform.Page;
import io.dialer.platform.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** Accepts what-if simulations: validates the scenario at once, stores the job and queues it on this replica. */
@ApplicationScoped
public class SimulationService {

    private final SimulationRepository repository;
    private final SimulationProcessor processor;
    private final Clock clock;
    private final int maxActivePerTenant;

    SimulationService(SimulationRepository repository, SimulationProcessor processor, Clock clock,
                      @ConfigProperty(name = "dialer.simulations.max-active-per-tenant", defaultValue = "5")
                      int maxActivePerTenant) {
        this.repository = repository;
        this.processor = processor;
        this.clock = clock;
        this.maxActivePerTenant = maxActivePerTenant;
    }

    public SimulationJob submit(String tenant, SimulationRequest request) {
        if (request == null) {
            throw ApiProblem.badRequest("A JSON body is required (an empty object {} runs the default scenario)");
        }
        ScenarioValidator.Outcome outcome = ScenarioValidator.validate(request);
        if (!outcome.errors().isEmpty()) {
            throw ApiProblem.validation(outcome.errors());
        }
        if (repository.countActive(tenant) >= maxActivePerTenant) {
            throw new ApiProblem(429, "too-many-simulations", "Too many simulations",
                    "At most " + maxActivePerTenant + " simulations may be queued or running at once; wait for one to finish",
                    null);
        }
        UUID id = Ids.newId();
        repository.insert(id, tenant, outcome.scenario(), processor.instanceId(), clock.instant());
        processor.submit(id, outcome.scenario());
        return get(tenant, id.toString());
    }

    public SimulationJob get(String tenant, String id) {
        return repository.find(tenant, Ids.parse("Simulation", id)).orElseThrow(() -> ApiProblem.notFound("Simulation", id));
    }

    public Page<SimulationJob.Summary> list(String tenant, PageRequest page) {
        UUID before = null;
        if (page.afterKey() != null) {
            try {
                before = UUID.fromString(page.afterKey());
            } catch (IllegalArgumentException e) {
                throw ApiProblem.invalidField("cursor", "invalid_cursor", "is not a cursor returned by this API");
            }
        }
        List<SimulationJob> rows = repository.list(tenant, before, page.limit() + 1);
        Page<SimulationJob> p = page.page(rows, SimulationJob::id);
        return new Page<>(p.items().stream().map(SimulationJob::summary).toList(), p.nextCursor());
    }
}
