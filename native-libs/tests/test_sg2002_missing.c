/*
 * Without the vendor libraries the sg2002 backend is unavailable, says which library and what
 * to do, and opening a channel answers -ELIBACC (nothing else breaks).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/cubekvm.h"
#include "../src/sg2002.h"
#include "check.h"

int main(void) {
    setenv("CUBEKVM_MPI_LIBRARIES", "/nonexistent/libsys.so:/nonexistent/libvenc.so", 1);
    CHECK(!ckvm_sg_available(), "no MPI without its libraries");
    char problem[512];
    CHECK(ckvm_sg_problem(problem, sizeof problem), "a reason is given");
    CHECK(strstr(problem, "/nonexistent/libsys.so") != NULL && strstr(problem, "LD_LIBRARY_PATH") != NULL,
          "the reason names the library and where it is looked for: %s", problem);
    ckvm_params params = {CKVM_CODEC_H264, 30, 80, 2000, 30, CKVM_RC_CBR};
    ckvm_sg_channel *channel = NULL;
    CHECK(ckvm_sg_open(&params, 0, 0, &channel) == -ELIBACC && channel == NULL, "open: -ELIBACC");
    printf("test_sg2002_missing: ok\n");
    return 0;
}
