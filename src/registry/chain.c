/*
 * chain.c: releasing a cluster's value chain (registry.h) and finding a member in it. The
 * strings live in one pool (cs_chain.internal); the arrays are the store's allocations.
 */
#include "clusterscope/registry.h"

#include "util/strpool.h"

#include <stdlib.h>
#include <string.h>

void cs_chain_free(cs_chain *c)
{
    if (!c)
        return;
    for (size_t p = 0; p < c->n_projects; p++) {
        free(c->projects[p].members);
        free(c->projects[p].stages);
    }
    free(c->projects);
    free(c->stages);
    free(c->members);
    free(c->links);
    cs_strpool_free(c->internal);
    free(c);
}

size_t cs_chain_member_find(const cs_chain *c, const char *key)
{
    if (!c || !key)
        return CS_CHAIN_NONE;
    for (size_t i = 0; i < c->n_members; i++)
        if (strcmp(c->members[i].organisation, key) == 0)
            return i;
    return CS_CHAIN_NONE;
}
