#include "clusterscope/clusterscope.h"

const char *cs_version(void)
{
    return CS_VERSION_STRING;
}
