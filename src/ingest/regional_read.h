/*
 * regional_read.h: what the long-form reader (regional_read.c) tells its tests beyond ingest.h.
 * Nothing here allocates.
 */
#ifndef CS_INGEST_REGIONAL_READ_H
#define CS_INGEST_REGIONAL_READ_H

#include "clusterscope/ingest.h"

/* 2 when the data were read by several readers, a piece of the file each, and merged; else 1. */
int cs_regional_data_readers(const cs_regional_data *d);

#endif
