package org.careloop.engine.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The staff who sign in through the organisation's identity provider, with the CareLoop groups their last sign-in
 * gave them. Camunda's identity tables know local users only; this lets a nurse hand a task to a colleague who signs
 * in through single sign-on. Someone who has not signed in for {@link #REMEMBERED} is no longer offered, and a change
 * of groups at the provider shows here at that person's next sign-in (what they may open is always decided by the
 * groups of their own current sign-in).
 */
@Component
public class StaffDirectory {

    /** How long after their last sign-in a person is still offered as a colleague. */
    public static final Duration REMEMBERED = Duration.ofDays(90);

    private static final String GROUP = "[A-Za-z0-9._-]{1,64}";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    StaffDirectory(@Qualifier("engineJdbc") JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records a sign-in through the identity provider: the person's name and their CareLoop groups now. */
    public void signedIn(String user, Collection<String> groups) {
        String names =
                groups.stream().filter(g -> g.matches(GROUP)).distinct().collect(Collectors.joining(",", ",", ","));
        if (names.length() > 2000) {
            names = names.substring(0, names.lastIndexOf(',', 1999) + 1);
        }
        Timestamp now = Timestamp.from(clock.instant());
        String update = "update staff_directory set group_names = ?, signed_in_at = ? where user_name = ?";
        if (jdbc.update(update, names, now, user) == 0) {
            try {
                jdbc.update(
                        "insert into staff_directory (user_name, group_names, signed_in_at) values (?, ?, ?)",
                        user,
                        names,
                        now);
            } catch (DuplicateKeyException signedInTwiceAtOnce) {
                jdbc.update(update, names, now, user);
            }
        }
    }

    /** The people of a group who signed in through the identity provider within {@link #REMEMBERED}. */
    public List<String> membersOf(String group) {
        if (!group.matches(GROUP)) {
            return List.of();
        }
        return jdbc.queryForList(
                "select user_name from staff_directory where group_names like ? and signed_in_at > ?"
                        + " order by user_name",
                String.class,
                "%," + group.replace("_", "\\_") + ",%",
                Timestamp.from(clock.instant().minus(REMEMBERED)));
    }

    /** The groups a person had at their last sign-in through the identity provider; none if unknown. */
    public List<String> groupsOf(String user) {
        return jdbc
                .queryForList("select group_names from staff_directory where user_name = ?", String.class, user)
                .stream()
                .flatMap(names -> java.util.Arrays.stream(names.split(",")))
                .filter(name -> !name.isEmpty())
                .toList();
    }
}
