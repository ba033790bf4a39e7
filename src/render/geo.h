/*
 * geo.h: the regions of the choropleth maps' geographies (choropleth.c): the shape of a region
 * of the generated headers geo_world.h and geo_us.h, and the tiles of the Russian grid read from
 * the embedded maps/ru-grid.csv. Static data, or strings borrowed from the embedded file.
 */
#ifndef CS_RENDER_GEO_H
#define CS_RENDER_GEO_H

typedef struct {
    const char *code; /* "" for a shape drawn but never joined (a territory without a code) */
    const char *name_en, *name_ru;
    const char *path; /* SVG path data in tenths of a unit of the geography's frame */
} cs_geo_shape;

#endif
