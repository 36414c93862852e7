package org.cubekvm.http.internal;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.cubekvm.api.rest.ApiError;
import org.cubekvm.api.rest.ApiException;
import org.cubekvm.api.rest.RestConstants;
import org.eclipse.jetty.http.HttpException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every exception leaving a REST resource becomes the API.md error shape. Unexpected ones are
 * logged here with their stack trace and answered with a generic 500: no trace, class name or
 * path ever reaches a client.
 */
@Component(service = ExceptionMapper.class)
@JakartarsExtension
@JakartarsName("cubekvm.errors")
@JakartarsExtensionSelect(RestConstants.JSON_PROVIDER_FILTER)
public class ApiExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger("cubekvm.http");

    @Override
    public Response toResponse(Throwable exception) {
        ApiError error;
        int status;
        if (exception instanceof ApiException api) {
            status = api.status();
            error = new ApiError(api.code(), api.getMessage());
        } else if (exception instanceof WebApplicationException web) {
            status = web.getResponse().getStatus();
            error = new ApiError(ErrorCodes.forStatus(status), ErrorCodes.sentenceForStatus(status));
        } else if (exception instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
            // Jetty's own refusals while a resource reads the request (a body cut short, too slow): the client's doing
            status = http.getCode();
            error = new ApiError(ErrorCodes.forStatus(status), ErrorCodes.sentenceForStatus(status));
        } else {
            status = 500;
            error = new ApiError("internal_error", "The server failed to handle this request; the log has the details");
            LOG.error("unhandled exception in a REST resource", exception);
        }
        Response.ResponseBuilder builder = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(error);
        if (exception instanceof WebApplicationException web && status == 405) {
            Object allow = web.getResponse().getHeaders().getFirst("Allow");
            if (allow != null) {
                builder.header("Allow", allow);
            }
        }
        return builder.build();
    }
}
