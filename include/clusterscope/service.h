/*
 * service.h: the use cases, one function per thing a front end does. The CLI, the report and
 * the web observatory reach the registry through these and nothing below them.
 *
 * Ownership: cs_service_open() hands the caller a cs_service, released with cs_service_close();
 * every object a cs_service_* function hands out is released with its own _free function and
 * may outlive the service unless its comment says otherwise. Option structs are borrowed.
 */
#ifndef CLUSTERSCOPE_SERVICE_H
#define CLUSTERSCOPE_SERVICE_H

#include <stddef.h>

#include "clusterscope/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------------------------ */
/* The registry                                                                                */

/* ------------------------------------------------------------------------------------------ */
/* Import and export                                                                           */

/* ------------------------------------------------------------------------------------------ */
/* Assessment                                                                                  */

/* ------------------------------------------------------------------------------------------ */
/* Typology                                                                                    */

/* ------------------------------------------------------------------------------------------ */
/* Report data                                                                                 */

#ifdef __cplusplus
}
#endif
#endif
