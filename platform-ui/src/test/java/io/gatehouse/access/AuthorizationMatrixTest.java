package io.gatehouse.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.access.ServiceOperations.Op;
import io.gatehouse.auth.access.AccessControl;
import io.gatehouse.auth.credential.CredentialService;
import io.gatehouse.common.ForbiddenException;
import io.gatehouse.common.InvalidInputException;
import io.gatehouse.common.NotFoundException;
import io.gatehouse.gateway.log.LogFilter;
import io.gatehouse.gateway.log.RequestLogService;
import io.gatehouse.gateway.probe.RouteTester;
import io.gatehouse.gateway.route.MockSpec;
import io.gatehouse.gateway.route.ProviderService;
import io.gatehouse.gateway.route.RouteService;
import io.gatehouse.gateway.route.ProviderSpec;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Who may call which service operation (contract section 2), as one table: every public method of every service,
 * for each role, on the caller's own tenant and on a foreign one. Complete by construction: a public service method
 * that has neither a row here nor a reason in {@link ServiceOperations#INTERNAL} fails the build, so no operation
 * ships without an authorization decision.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {
    /*
     * Callers: PA = a platform admin; TA = the tenant admin of a; TV = a viewer of a.
     * Columns a / b: the call is about tenant a (TA's and TV's own) or tenant b (foreign to them).
     * Rows about users and tokens: a = a member of a, or the caller's own token; b = a member of b only, or another
     * user's token. Audit rows: a / b = the entry recording the creation of tenant a / b; [tenant] = the filter
     * names that tenant.
     * ok = allowed; hidden = allowed, but the object is not in the answer; 404 = not found, worded exactly as for
     * something that does not exist; 403 = forbidden; 400 = a foreign tenant named in the request body is refused as
     * an unknown tenant.
     */
    static final String MATRIX = """
            operation                            PA a    PA b    TA a    TA b    TV a    TV b
            TenantService.list                   ok      ok      ok      hidden  ok      hidden
            TenantService.get                    ok      ok      ok      404     ok      404
            TenantService.create                 ok      ok      403     403     403     403
            TenantService.rename                 ok      ok      ok      404     403     404
            TenantService.delete                 ok      ok      403     404     403     404
            ProviderService.list                 ok      ok      ok      404     ok      404
            ProviderService.get                  ok      ok      ok      404     ok      404
            ProviderService.create               ok      ok      ok      404     403     404
            ProviderService.replace              ok      ok      ok      404     403     404
            ProviderService.delete               ok      ok      ok      404     403     404
            RouteService.list                    ok      ok      ok      404     ok      404
            RouteService.get                     ok      ok      ok      404     ok      404
            RouteService.create                  ok      ok      ok      404     403     404
            RouteService.replace                 ok      ok      ok      404     403     404
            RouteService.delete                  ok      ok      ok      404     403     404
            RouteTester.test                     ok      ok      ok      404     403     404
            CredentialService.list               ok      ok      ok      404     ok      404
            CredentialService.get                ok      ok      ok      404     ok      404
            CredentialService.issue              ok      ok      ok      404     403     404
            CredentialService.revoke             ok      ok      ok      404     403     404
            CredentialService.rotate             ok      ok      ok      404     403     404
            RequestLogService.list               ok      ok      ok      404     ok      404
            RequestLogService.find               ok      ok      ok      404     ok      404
            RequestLogService.findByRequestId    ok      ok      ok      404     ok      404
            RequestLogService.export             ok      ok      ok      404     ok      404
            RequestLogService.listAll            ok      ok      403     403     403     403
            RequestLogService.findAny            ok      ok      403     403     403     403
            LogStatsService.stats                ok      ok      ok      404     ok      404
            LogStatsService.stats[allTenants]    ok      ok      403     403     403     403
            AuditLog.search                      ok      ok      ok      hidden  ok      hidden
            AuditLog.search[tenant]              ok      ok      ok      404     ok      404
            AuditLog.export                      ok      ok      ok      hidden  ok      hidden
            AuditLog.export[tenant]              ok      ok      ok      404     ok      404
            UserManagement.list                  ok      ok      ok      hidden  hidden  hidden
            UserManagement.get                   ok      ok      ok      404     404     404
            UserManagement.create                ok      ok      ok      400     403     403
            UserManagement.update                ok      ok      ok      404     403     403
            UserManagement.resetPassword         ok      ok      ok      404     403     403
            UserManagement.delete                ok      ok      ok      404     403     403
            UserManagement.changeOwnPassword     ok      ok      ok      ok      ok      ok
            ApiTokenService.mine                 ok      hidden  ok      hidden  ok      hidden
            ApiTokenService.create               ok      ok      ok      ok      ok      ok
            ApiTokenService.revoke               ok      404     ok      404     ok      404
            """;

    /** The wording of every "not found": the same for an object that is foreign as for one that does not exist. */
    static final String UNKNOWN = "no (tenant|provider|route|credential|user|token) '[^']*'( in this tenant)?";

    enum Caller { PA, TA, TV }

    enum Outcome {
        OK("ok"), HIDDEN("hidden"), NOT_FOUND("404"), FORBIDDEN("403"), INVALID("400");

        final String cell;

        Outcome(String cell) {
            this.cell = cell;
        }

        static Outcome of(String cell) {
            return Arrays.stream(values()).filter(o -> o.cell.equals(cell)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown cell '" + cell + "'"));
        }
    }

    @Autowired
    ApplicationContext context;

    private TwoTenants fx;
    private Map<String, Op> ops;

    @BeforeAll
    void fixture() {
        fx = new TwoTenants(context);
        ops = new ServiceOperations(context, fx).all();
    }

    /** Row name to its six cells, in table order. */
    static Map<String, List<Outcome>> table() {
        Map<String, List<Outcome>> rows = new LinkedHashMap<>();
        MATRIX.lines().skip(1).map(String::strip).filter(l -> !l.isEmpty()).forEach(line -> {
            String[] cells = line.split("\\s+");
            if (cells.length != 7) {
                throw new IllegalStateException("a matrix row needs an operation and 6 cells: " + line);
            }
            List<Outcome> outcomes = Arrays.stream(cells, 1, 7).map(Outcome::of).toList();
            if (rows.put(cells[0], outcomes) != null) {
                throw new IllegalStateException("row twice: " + cells[0]);
            }
        });
        return rows;
    }

    static Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        table().forEach((operation, outcomes) -> {
            for (int i = 0; i < 6; i++) {
                cells.add(Arguments.of(operation, Caller.values()[i / 2], i % 2 == 0 ? "a" : "b", outcomes.get(i)));
            }
        });
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} by {1} on {2} -> {3}")
    @MethodSource("cells")
    void theMatrixHolds(String operation, Caller caller, String column, Outcome expected) throws Exception {
        Op op = ops.get(operation);
        assertThat(op).as("no operation is defined for row %s", operation).isNotNull();
        TwoTenants.Tenant target = column.equals("a") ? fx.a : fx.b;
        TwoTenants.User user = switch (caller) {
            case PA -> fx.platformAdmin;
            case TA -> fx.adminA;
            case TV -> fx.viewerA;
        };
        Object prepared = op.setup().prepare(target, user);
        Outcome outcome;
        String message = null;
        try {
            Object answer = SignedIn.as(user, () -> op.call().run(target, prepared));
            outcome = op.shows() == null || op.shows().test(answer, target, prepared) ? Outcome.OK : Outcome.HIDDEN;
        } catch (NotFoundException e) {
            outcome = Outcome.NOT_FOUND;
            message = e.getMessage();
        } catch (ForbiddenException e) {
            outcome = Outcome.FORBIDDEN;
            message = e.getMessage();
        } catch (InvalidInputException e) {
            outcome = Outcome.INVALID;
            message = e.problems().toString();
        }
        assertThat(outcome).as("%s by %s (%s) on %s: %s", operation, caller, user.name(), column, message)
                .isEqualTo(expected);
        if (outcome == Outcome.NOT_FOUND) {
            assertThat(message).matches(UNKNOWN);
        }
        if (outcome == Outcome.INVALID) {
            assertThat(message).contains("no tenant '" + target.slug() + "'");
        }
        if (message != null) {
            assertThat(fx.secrets).noneMatch(message::contains);
        }
    }

    /** A guess at an object of another tenant, by its id or name, through some tenant's slug. */
    @FunctionalInterface
    interface Guess {
        Object at(String slug, String idOrName) throws Exception;
    }

    private Map<String, Guess> guesses(boolean writes) {
        CredentialService credentials = context.getBean(CredentialService.class);
        ProviderService providers = context.getBean(ProviderService.class);
        RouteService routes = context.getBean(RouteService.class);
        RouteTester tester = context.getBean(RouteTester.class);
        Map<String, Guess> guesses = new LinkedHashMap<>();
        guesses.put("credential get", credentials::get);
        guesses.put("provider get", providers::get);
        guesses.put("route get", routes::get);
        if (writes) {
            guesses.put("credential revoke", credentials::revoke);
            guesses.put("credential rotate", (slug, id) -> credentials.rotate(slug, id, null));
            guesses.put("provider replace", (slug, name) -> providers.replace(slug, name, ProviderSpec.mock(name,
                    MockSpec.DEFAULT)));
            guesses.put("provider delete", (slug, name) -> {
                providers.delete(slug, name);
                return null;
            });
            guesses.put("route replace", (slug, name) -> routes.replace(slug, name,
                    TwoTenants.routeSpec(name, fx.a.provider())));
            guesses.put("route delete", (slug, name) -> {
                routes.delete(slug, name);
                return null;
            });
            guesses.put("route test call", (slug, name) -> tester.test(slug, name, "GET", "", null));
        }
        return guesses;
    }

    private String foreignIdOf(String guess) {
        return guess.startsWith("credential") ? fx.b.credentialId()
                : guess.startsWith("provider") ? fx.b.provider() : fx.b.route();
    }

    @Test
    void guessingAnotherTenantsIdsFindsNothingAndSaysSoLikeForAnUnknownId() throws Exception {
        String a = fx.a.slug();
        String b = fx.b.slug();
        String ghost = fx.unique("authz-ghost");
        String unknownId = fx.unique("nothing");
        for (TwoTenants.User user : List.of(fx.adminA, fx.viewerA)) {
            guesses(user == fx.adminA).forEach((what, guess) -> {
                String foreignId = foreignIdOf(what);
                String viaOwnSlug = notFound(user, what, () -> guess.at(a, foreignId));
                assertThat(viaOwnSlug.replace(foreignId, unknownId)).as("%s via a's slug", what)
                        .isEqualTo(notFound(user, what, () -> guess.at(a, unknownId)));
                String viaForeignSlug = notFound(user, what, () -> guess.at(b, foreignId));
                assertThat(viaForeignSlug.replace(b, ghost)).as("%s via b's slug", what)
                        .isEqualTo(notFound(user, what, () -> guess.at(ghost, foreignId)));
            });
        }
        // b's objects are all still there
        assertThat(context.getBean(CredentialService.class).get(b, fx.b.credentialId()).revokedAt()).isNull();
        assertThat(context.getBean(ProviderService.class).get(b, fx.b.provider())).isNotNull();
        assertThat(context.getBean(RouteService.class).get(b, fx.b.route())).isNotNull();
    }

    @Test
    void anotherTenantsLogEntriesAreNotInTheOwnLogAndItsLogIsNotFound() throws Exception {
        RequestLogService logs = context.getBean(RequestLogService.class);
        String a = fx.a.slug();
        String b = fx.b.slug();
        for (TwoTenants.User user : List.of(fx.adminA, fx.viewerA)) {
            SignedIn.as(user, () -> {
                assertThat(logs.find(a, fx.b.logId())).isEmpty();
                assertThat(logs.findByRequestId(a, fx.b.requestId())).isEmpty();
                assertThat(logs.list(a, LogFilter.parse(null, null, null, null, null, fx.b.requestId(), null, null))
                        .items()).isEmpty();
                assertThat(logs.list(a, LogFilter.parse(null, null, fx.b.credentialId(), null, null, null, null,
                        null)).items()).isEmpty();
                StringWriter csv = new StringWriter();
                logs.export(a, LogFilter.parse(null, null, null, null, null, fx.b.requestId(), null, null))
                        .writeTo(csv);
                assertThat(csv.toString()).doesNotContain(fx.b.requestId()).hasLineCount(1);
                return null;
            });
            assertThat(notFound(user, "find", () -> logs.find(b, fx.b.logId())))
                    .isEqualTo(AccessControl.noSuchTenant(b).getMessage());
            assertThat(notFound(user, "findByRequestId", () -> logs.findByRequestId(b, fx.b.requestId())))
                    .isEqualTo(AccessControl.noSuchTenant(b).getMessage());
        }
    }

    private static String notFound(TwoTenants.User user, String what, Callable<?> call) {
        try {
            SignedIn.as(user, call);
        } catch (NotFoundException e) {
            return e.getMessage();
        } catch (Exception e) {
            throw new AssertionError(what + " as " + user.name() + ": expected not found, got " + e, e);
        }
        throw new AssertionError(what + " as " + user.name() + ": expected not found, but it worked");
    }

    @Test
    void everyPublicServiceMethodHasARowOrAReasonToHaveNone() {
        Set<String> methods = ServiceOperations.publicServiceMethods(context);
        Set<String> decided = new TreeSet<>(ServiceOperations.INTERNAL.keySet());
        table().keySet().forEach(row -> decided.add(row.replaceAll("\\[.*]$", "")));

        Set<String> undecided = new TreeSet<>(methods);
        undecided.removeAll(decided);
        assertThat(undecided).as("public service methods without an authorization decision: add a row to the "
                + "matrix (or, if no person ever calls it, a reason to ServiceOperations.INTERNAL)").isEmpty();
        Set<String> stale = new TreeSet<>(decided);
        stale.removeAll(methods);
        assertThat(stale).as("rows or internal entries naming no public service method").isEmpty();
    }

    @Test
    void everyRowHasAnOperationAndEveryOperationARow() {
        assertThat(ops.keySet()).containsExactlyInAnyOrderElementsOf(table().keySet());
    }
}
