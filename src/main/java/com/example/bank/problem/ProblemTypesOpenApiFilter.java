package com.example.bank.problem;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Documents every problem type in the OpenAPI document from {@link ProblemType} itself, so that the list can
 * never drift from the code: the {@code type} property of {@code Problem} gets them as its enumeration, and its
 * description a line per type with status and title.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemTypesOpenApiFilter implements org.eclipse.microprofile.openapi.OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        Schema problem = openAPI.getComponents().getSchemas().get("Problem");
        if (problem == null || problem.getProperties() == null || problem.getProperties().get("type") == null) {
            return;
        }
        Schema type = problem.getProperties().get("type");
        type.setEnumeration(Arrays.stream(ProblemType.values()).map(t -> (Object) t.type.toString()).collect(Collectors.toList()));
        type.addEnumeration("about:blank");
        type.setDescription("Identifies the kind of problem; clients branch on it. about:blank is used for "
                + "HTTP-level errors (unknown path, wrong method, unsupported media type).\n\n"
                + Arrays.stream(ProblemType.values())
                        .map(t -> "- `" + t.type + "` (" + t.status + "): " + t.title)
                        .collect(Collectors.joining("\n")));
    }
}
