#include "clusterscope/error.h"

const char *cs_version(void)
{
    return CS_VERSION_STRING;
}
