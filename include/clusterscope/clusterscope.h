/*
 * clusterscope.h: the whole public API in one include. Each header says who owns what it
 * hands out; nothing here allocates.
 */
#ifndef CLUSTERSCOPE_H
#define CLUSTERSCOPE_H

#include "clusterscope/error.h"
#include "clusterscope/i18n.h"
#include "clusterscope/fact.h"
#include "clusterscope/store.h"
#include "clusterscope/registry.h"
#include "clusterscope/ingest.h"
#include "clusterscope/method.h"
#include "clusterscope/assess.h"
#include "clusterscope/typology.h"
#include "clusterscope/partition.h"
#include "clusterscope/classify.h"
#include "clusterscope/render.h"
#include "clusterscope/service.h"
#include "clusterscope/report.h"

#endif
