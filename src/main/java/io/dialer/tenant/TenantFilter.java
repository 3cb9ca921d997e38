package io.dialer.tenant;

import io.dialer.platform.ApiProblem;
import io.dialer.platform.ProblemBody;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.security.Principal;

/** Resolves the tenant of every /v1 request: from the token's tenant claim when auth is on, else 'default'. */
public class TenantFilter {

    private final AuthSettings auth;
    private final TenantContext context;
    private final SecurityIdentity identity;

    public TenantFilter(AuthSettings auth, TenantContext context, SecurityIdentity identity) {
        this.auth = auth;
        this.context = context;
        this.identity = identity;
    }

    @ServerRequestFilter(preMatching = true)
    public Response resolveTenant(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/v1")) {
            return null;
        }
        if (!auth.enabled()) {
            context.set(AuthSettings.DEFAULT_TENANT);
            return null;
        }
        if (identity == null || identity.isAnonymous()) {
            return problem(new ApiProblem(401, "unauthorized", "Unauthorized",
                    "A valid bearer token is required", null), path)
                    .header("WWW-Authenticate", "Bearer").build();
        }
        String tenant = claim(identity.getPrincipal());
        if (tenant == null || tenant.isBlank()) {
            return problem(new ApiProblem(403, "forbidden", "Forbidden",
                    "The token has no '" + auth.tenantClaim() + "' claim naming its tenant", null), path).build();
        }
        context.set(tenant);
        return null;
    }

    private String claim(Principal principal) {
        if (principal instanceof JsonWebToken jwt) {
            Object value = jwt.getClaim(auth.tenantClaim());
            return value == null ? null : value.toString().replace("\"", "");
        }
        return null;
    }

    private static Response.ResponseBuilder problem(ApiProblem p, String path) {
        return Response.status(p.status()).type(ProblemBody.MEDIA_TYPE).entity(p.body(path));
    }
}
