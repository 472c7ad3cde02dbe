package dev.offpay.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * State rules as data: one line per (state, event) → (state, reason code). A pair without a rule
 * is not allowed; callers turn that into the documented error.
 */
public final class TransitionTable<S extends Enum<S>, E extends Enum<E>> {

    /** The target of one rule. {@code reason} is the wire reason code, or null. */
    public record Target<S>(S state, String reason) {
    }

    /** One line of the table. */
    public record Rule<S, E>(S from, E event, S to, String reason) {
    }

    private final Map<S, Map<E, Target<S>>> rules;
    private final List<Rule<S, E>> lines;

    private TransitionTable(Class<S> states, List<Rule<S, E>> lines) {
        this.rules = new EnumMap<>(states);
        for (Rule<S, E> r : lines) {
            Map<E, Target<S>> byEvent = rules.computeIfAbsent(r.from(), k -> new java.util.HashMap<>());
            if (byEvent.put(r.event(), new Target<>(r.to(), r.reason())) != null) {
                throw new IllegalStateException("two rules for " + r.from() + " + " + r.event());
            }
        }
        this.lines = Collections.unmodifiableList(new ArrayList<>(lines));
    }

    public static <S extends Enum<S>, E extends Enum<E>> Builder<S, E> builder(Class<S> states) {
        return new Builder<>(states);
    }

    /** The target for this pair, or empty when the event is not allowed in this state. */
    public Optional<Target<S>> next(S from, E event) {
        Map<E, Target<S>> byEvent = rules.get(from);
        return byEvent == null ? Optional.empty() : Optional.ofNullable(byEvent.get(event));
    }

    public List<Rule<S, E>> lines() {
        return lines;
    }

    /** Collects the lines of a table. */
    public static final class Builder<S extends Enum<S>, E extends Enum<E>> {
        private final Class<S> states;
        private final List<Rule<S, E>> lines = new ArrayList<>();

        private Builder(Class<S> states) {
            this.states = states;
        }

        public Builder<S, E> rule(S from, E event, S to, String reason) {
            lines.add(new Rule<>(from, event, to, reason));
            return this;
        }

        public TransitionTable<S, E> build() {
            return new TransitionTable<>(states, lines);
        }
    }
}
