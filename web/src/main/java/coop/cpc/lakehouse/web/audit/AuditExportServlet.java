package coop.cpc.lakehouse.web.audit;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.audit.AuditService;
import coop.cpc.lakehouse.application.audit.AuditTrail;
import coop.cpc.lakehouse.application.security.ForbiddenException;
import coop.cpc.lakehouse.application.security.OperationGate;
import coop.cpc.lakehouse.application.security.OperationRoles;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.audit.AuditLogEntry;
import coop.cpc.lakehouse.catalog.audit.AuditLogFilter;
import coop.cpc.lakehouse.web.http.SecurityHeadersFilter;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * {@code GET /lakehouse/audit/export.ndjson?from=&to=}: the audit entries in [from, to) (ISO-8601
 * instants, both optional), one JSON object per line, oldest first, streamed — for a SIEM. Only
 * for a caller one of whose roles allows both the {@code auditLog} operation and the declared
 * purpose, as for the GraphQL {@code auditLog} ({@link OperationGate}); the auditor role is
 * enforced again by {@link AuditService}. The export is itself audited, and so is a refused one.
 */
@WebServlet(urlPatterns = AuditExportServlet.PATH)
public class AuditExportServlet extends HttpServlet {
    static final String PATH = "/audit/export.ndjson";
    /** A refusal sits with the export's own entries (READ of {@code audit_log}), not under {@code api}. */
    private static final String RESOURCE_TYPE = "audit_log";

    private static final long serialVersionUID = 1L;

    @EJB
    AuditService audit;

    @EJB
    AuditTrail trail;

    @EJB
    OperationGate gate;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        AuditLogFilter filter;
        try {
            filter = new AuditLogFilter(
                    instant("from", request.getParameter("from")),
                    instant("to", request.getParameter("to")),
                    null,
                    null,
                    null,
                    null);
        } catch (InvalidInputException e) {
            trail.refused(PATH, AuditAction.READ, RESOURCE_TYPE, e.code(), null);
            refuse(response, HttpServletResponse.SC_BAD_REQUEST, e.code(), e.getMessage());
            return;
        }
        try {
            gate.enter(OperationRoles.AUDIT_LOG.operation());
        } catch (ForbiddenException | EJBAccessException e) {
            trail.refused(PATH, AuditAction.READ, RESOURCE_TYPE, "forbidden", null);
            refuse(response, HttpServletResponse.SC_FORBIDDEN, "forbidden", "Forbidden");
            return;
        }
        response.setContentType("application/x-ndjson");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Content-Disposition", "attachment; filename=\"audit.ndjson\"");
        try {
            audit.export(filter, entry -> line(writer(response), entry));
        } catch (EJBAccessException e) {
            // The container refused before the audited method ran: nothing recorded it yet.
            trail.refused(PATH, AuditAction.READ, RESOURCE_TYPE, "forbidden", null);
            response.reset();
            SecurityHeadersFilter.HEADERS.forEach(response::setHeader); // reset() cleared them
            refuse(response, HttpServletResponse.SC_FORBIDDEN, "forbidden", "Forbidden");
        } catch (InvalidInputException e) {
            response.reset();
            SecurityHeadersFilter.HEADERS.forEach(response::setHeader); // reset() cleared them
            refuse(response, HttpServletResponse.SC_BAD_REQUEST, e.code(), e.getMessage());
        }
        response.flushBuffer();
    }

    /** Taken at the first entry only, so that a refusal can still reset the response. */
    private static PrintWriter writer(HttpServletResponse response) {
        try {
            return response.getWriter();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void line(Writer out, AuditLogEntry e) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("id", e.getId().toString())
                .add("occurredAt", e.getOccurredAt().toString());
        optional(json, "pseudonym", e.getActorPseudonym());
        optional(json, "roles", e.getActorRole());
        json.add("purpose", e.getPurpose().name())
                .add("action", e.getAction().name())
                .add("resourceType", e.getResourceType());
        optional(json, "resourceId", e.getResourceId());
        json.add("outcome", e.getOutcome().name());
        optional(json, "sourceNetwork", e.getSourceIp());
        json.add(
                "details",
                Json.createReader(new java.io.StringReader(e.getDetails())).readObject());
        optional(json, "prevHash", e.getPrevHash());
        json.add("hash", e.getHash());
        try {
            out.write(json.build().toString());
            out.write('\n');
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void optional(JsonObjectBuilder json, String name, String value) {
        if (value != null) {
            json.add(name, value);
        }
    }

    private static Instant instant(String name, String value) throws InvalidInputException {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(name + " must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
        }
    }

    private static void refuse(HttpServletResponse response, int status, String code, String message)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter()
                .write(Json.createObjectBuilder()
                        .add("error", code)
                        .add("message", message)
                        .build()
                        .toString());
    }
}
