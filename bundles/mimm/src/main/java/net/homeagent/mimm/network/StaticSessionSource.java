package net.homeagent.mimm.network;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Real-time sessions as configured ({@code staticSessions} of net.homeagent.mimm): for labs and
 * tests, where no SIP server tells the truth.
 */
public final class StaticSessionSource implements RealTimeSessionSource {

    private final Map<Integer, SessionLoad> loads;

    private StaticSessionSource(Map<Integer, SessionLoad> loads) {
        this.loads = Map.copyOf(loads);
    }

    /**
     * Parses entries {@code <network id>=<sessions>/<kbit/s>}, e.g. {@code 2=12/960}.
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    public static StaticSessionSource parse(List<String> entries) {
        Map<Integer, SessionLoad> loads = new HashMap<>();
        for (String entry : entries) {
            String[] parts = entry.split("[=/]");
            if (parts.length != 3) {
                throw new IllegalArgumentException("static session entry is <network>=<sessions>/<kbit/s>: " + entry);
            }
            try {
                loads.put(Integer.parseInt(parts[0].trim()),
                        new SessionLoad(Integer.parseInt(parts[1].trim()), Long.parseLong(parts[2].trim())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("static session entry is <network>=<sessions>/<kbit/s>: " + entry, e);
            }
        }
        return new StaticSessionSource(loads);
    }

    @Override
    public SessionLoad sessions(int networkId) {
        return loads.getOrDefault(networkId, SessionLoad.NONE);
    }

    @Override
    public String describe() {
        return "static (staticSessions, " + loads.size() + " networks configured)";
    }
}
