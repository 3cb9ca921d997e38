package io.dialer.engine.pacing;

/** Plain factory for the live loop and the simulator. */
public final class Pacers {

    private Pacers() {
    }

    /**
     * Creates a pacer for a real campaign. SEMI_ORACLE and ORACLE need the simulator's clairvoyant feeds and are created
     * by the simulator instead.
     */
    public static Pacer create(PacingAlgorithm algorithm, PacerConfig config) {
        return switch (algorithm) {
            case PROGRESSIVE -> new ProgressivePacer();
            case FIXED_RATIO -> new FixedRatioPacer(config.fixedRatio());
            case VICIDIAL_ADAPTIVE -> new VicidialAdaptivePacer(config);
            case ERLANG -> new ErlangPacer(config);
            case PREDICTIVE -> new PredictivePacer(config);
            case SEMI_ORACLE, ORACLE -> throw new IllegalArgumentException(
                    algorithm + " sees the future and exists only inside the simulator");
        };
    }
}
