package org.cubekvm.http.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.osgi.service.jakartars.runtime.dto.ApplicationDTO;
import org.osgi.service.jakartars.runtime.dto.ExtensionDTO;
import org.osgi.service.jakartars.runtime.dto.FailedExtensionDTO;
import org.osgi.service.jakartars.runtime.dto.FailedResourceDTO;
import org.osgi.service.jakartars.runtime.dto.ResourceDTO;
import org.osgi.service.jakartars.runtime.dto.RuntimeDTO;

class RestCoverageTest {
    @Test
    void noRuntimeDtoOrNoApplicationYetIsNotReady() {
        assertFalse(RestCoverage.covers(null, List.of()));
        assertFalse(RestCoverage.covers(new RuntimeDTO(), List.of()));
    }

    @Test
    void everyServiceInTheDefaultApplicationIsCovered() {
        RuntimeDTO dto = runtime(application(new long[] {11, 12}, new long[] {20}));
        assertTrue(RestCoverage.covers(dto, List.of(11L, 12L, 20L)));
    }

    @Test
    void aResourceTheRuntimeHasNotTakenInYetIsNotCovered() {
        RuntimeDTO dto = runtime(application(new long[] {11}, new long[] {20}));
        assertFalse(RestCoverage.covers(dto, List.of(11L, 12L, 20L)), "resource 12 registered, not yet in the application");
        assertFalse(RestCoverage.covers(dto, List.of(11L, 21L)), "extension 21 registered, not yet in the application");
    }

    @Test
    void failedAndOtherApplicationsCountAsTakenIn() {
        RuntimeDTO dto = runtime(application(new long[] {11}, new long[0]));
        dto.applicationDTOs = new ApplicationDTO[] {application(new long[] {30}, new long[] {31})};
        FailedResourceDTO failedResource = new FailedResourceDTO();
        failedResource.serviceId = 40;
        dto.failedResourceDTOs = new FailedResourceDTO[] {failedResource};
        FailedExtensionDTO failedExtension = new FailedExtensionDTO();
        failedExtension.serviceId = 41;
        dto.failedExtensionDTOs = new FailedExtensionDTO[] {failedExtension};
        assertTrue(RestCoverage.covers(dto, List.of(11L, 30L, 31L, 40L, 41L)));
        assertFalse(RestCoverage.covers(dto, List.of(11L, 42L)));
    }

    @Test
    void servicesTheDtoStillListsButThatAreGoneDoNotMatter() {
        RuntimeDTO dto = runtime(application(new long[] {11, 99}, new long[0]));
        assertTrue(RestCoverage.covers(dto, List.of(11L)));
    }

    private static RuntimeDTO runtime(ApplicationDTO defaultApplication) {
        RuntimeDTO dto = new RuntimeDTO();
        dto.defaultApplication = defaultApplication;
        return dto;
    }

    private static ApplicationDTO application(long[] resources, long[] extensions) {
        ApplicationDTO application = new ApplicationDTO();
        application.resourceDTOs = new ResourceDTO[resources.length];
        for (int i = 0; i < resources.length; i++) {
            application.resourceDTOs[i] = new ResourceDTO();
            application.resourceDTOs[i].serviceId = resources[i];
        }
        application.extensionDTOs = new ExtensionDTO[extensions.length];
        for (int i = 0; i < extensions.length; i++) {
            application.extensionDTOs[i] = new ExtensionDTO();
            application.extensionDTOs[i].serviceId = extensions[i];
        }
        return application;
    }
}
