package net.homeagent.mimmclient.cli;

import java.net.Inet4Address;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import net.homeagent.mip.codec.wire.Ipv4;

/**
 * The {@code --name value} options of one subcommand: only the names it declares, each at most once;
 * every mistake is a {@link UsageException} naming the option and what was expected.
 */
final class Options {

    /** A mistake in the command line: the message says which and how to do it right. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    private final Map<String, String> values = new HashMap<>();
    private final boolean help;

    Options(List<String> args, Set<String> known) throws UsageException {
        boolean wantsHelp = false;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                wantsHelp = true;
                continue;
            }
            if (!arg.startsWith("--") || !known.contains(arg.substring(2))) {
                throw new UsageException("unknown option '" + arg + "'");
            }
            String name = arg.substring(2);
            if (!seen.add(name)) {
                throw new UsageException("--" + name + " given twice");
            }
            if (i + 1 >= args.size()) {
                throw new UsageException("--" + name + " needs a value");
            }
            values.put(name, args.get(++i));
        }
        this.help = wantsHelp;
    }

    boolean help() {
        return help;
    }

    Optional<String> text(String name) {
        return Optional.ofNullable(values.get(name));
    }

    String required(String name) throws UsageException {
        String value = values.get(name);
        if (value == null) {
            throw new UsageException("--" + name + " is required");
        }
        return value;
    }

    long number(String name, long fallback, long min, long max) throws UsageException {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        long number;
        try {
            number = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " '" + value + "' is not a whole number");
        }
        if (number < min || number > max) {
            throw new UsageException("--" + name + " " + number + " is outside " + min + ".." + max);
        }
        return number;
    }

    Inet4Address address(String name) throws UsageException {
        String value = required(name);
        return Ipv4.parse(value).orElseThrow(() -> new UsageException("--" + name + " '" + value
                + "' is not an IPv4 address"));
    }

    /** The option read by {@code parse}; its IllegalArgumentException becomes a usage error naming the option. */
    <T> Optional<T> parsed(String name, Function<String, T> parse) throws UsageException {
        String value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse.apply(value));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + name + ": " + e.getMessage());
        }
    }
}
