package org.careloop.fhir.security;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a caller with a bearer token may do over FHIR, from its SMART-style scopes ({@code system/Communication.read},
 * {@code system/*.read}, {@code system/*.write}, {@code system/Observation.*}; v2's {@code .rs} and {@code .cud}
 * read the same). A caller signed in otherwise (the demo's HTTP Basic) is not limited by scopes:
 * {@link #unlimited()}. Scopes narrow a role, never widen it.
 */
public final class SmartScopes {

    /** The authority a token's caller carries: its access is limited to its scopes. */
    public static final String LIMITED = "SCOPES_LIMITED";
    /** A scope as an authority: {@code SCOPE_system/Communication.read}. */
    public static final String PREFIX = "SCOPE_";

    private static final Pattern SCOPE =
            Pattern.compile("system/(\\*|[A-Z][A-Za-z]{1,63})\\.(read|write|\\*|c?r?u?d?s?)");

    private final boolean limited;
    private final Set<String> reads;
    private final Set<String> writes;

    private SmartScopes(boolean limited, Set<String> reads, Set<String> writes) {
        this.limited = limited;
        this.reads = reads;
        this.writes = writes;
    }

    public static SmartScopes unlimited() {
        return new SmartScopes(false, Set.of(), Set.of());
    }

    /** The access that scopes grant: each {@code system/<Type>.<access>} that parses; anything else grants nothing. */
    public static SmartScopes of(Collection<String> scopes) {
        Set<String> reads = new TreeSet<>();
        Set<String> writes = new TreeSet<>();
        for (String scope : scopes) {
            Matcher m = SCOPE.matcher(scope);
            if (!m.matches()) {
                continue;
            }
            String type = m.group(1);
            String access = m.group(2);
            // SMART v1 names the access (read, write, *); v2 lists its letters (cruds)
            boolean v1 = access.equals("read") || access.equals("write") || access.equals("*");
            if (v1 ? !access.equals("write") : access.contains("r") || access.contains("s")) {
                reads.add(type);
            }
            if (v1 ? !access.equals("read") : access.contains("c") || access.contains("u") || access.contains("d")) {
                writes.add(type);
            }
        }
        return new SmartScopes(true, Set.copyOf(reads), Set.copyOf(writes));
    }

    public boolean limited() {
        return limited;
    }

    public boolean readsAll() {
        return !limited || reads.contains("*");
    }

    public boolean writesAll() {
        return !limited || writes.contains("*");
    }

    public boolean reads(String type) {
        return readsAll() || reads.contains(type);
    }

    public boolean writes(String type) {
        return writesAll() || writes.contains(type);
    }

    public boolean writesAny() {
        return !limited || !writes.isEmpty();
    }

    /** The resource types read one by one (not {@code *}). */
    public Set<String> readTypes() {
        return reads;
    }

    /** The resource types written one by one (not {@code *}). */
    public Set<String> writeTypes() {
        return writes;
    }
}
