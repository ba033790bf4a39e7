/*
 * png.c: an SVG chart rendered as PNG (render.h) with librsvg and cairo, the one file of the
 * library that includes them. Fonts come from fontconfig (the DejaVu fonts cover Latin and
 * Cyrillic); the PNG carries no time stamp, so the same SVG gives the same bytes on one machine.
 */
#include "clusterscope/error.h"
#include "clusterscope/render.h"
#include "util/buf.h"

#include <cairo.h>
#include <librsvg/rsvg.h>
#include <math.h>
#include <string.h>

#define PNG_MAX_SIDE 8192

static cairo_status_t png_write(void *closure, const unsigned char *data, unsigned int len)
{
    return cs_buf_append(closure, data, len) ? CAIRO_STATUS_NO_MEMORY : CAIRO_STATUS_SUCCESS;
}

int cs_render_png(unsigned char **out, size_t *len, const char *svg, int width)
{
    *out = NULL;
    *len = 0;
    if (!svg || width < 0 || width > PNG_MAX_SIDE)
        return cs_error_set(CS_EUSAGE, "a PNG needs an SVG document and a width of 0..%d pixels",
                            PNG_MAX_SIDE);
    GError *err = NULL;
    RsvgHandle *h = rsvg_handle_new_from_data((const guint8 *)svg, strlen(svg), &err);
    if (!h) {
        int rc = cs_error_set(CS_EDATA, "the SVG could not be read: %s",
                              err ? err->message : "unknown error");
        if (err)
            g_error_free(err);
        return rc;
    }
    double sw = 0, sh = 0;
    if (!rsvg_handle_get_intrinsic_size_in_pixels(h, &sw, &sh) || !(sw > 0) || !(sh > 0)) {
        g_object_unref(h);
        return cs_error_set(CS_EDATA, "the SVG has no width and height in pixels");
    }
    double scale = width > 0 ? (double)width / sw : 1;
    int pw = width > 0 ? width : (int)ceil(sw), ph = (int)ceil(sh * scale);
    if (ph < 1 || ph > PNG_MAX_SIDE) {
        g_object_unref(h);
        return cs_error_set(CS_EUSAGE, "a PNG of %d x %d pixels is over the limit of %d", pw, ph,
                            PNG_MAX_SIDE);
    }
    cairo_surface_t *surf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, pw, ph);
    cairo_t *cr = cairo_create(surf);
    /* a white page: a chart on a transparent background is unreadable in a dark viewer */
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    RsvgRectangle vp = { 0, 0, pw, sh * scale };
    int ok = rsvg_handle_render_document(h, cr, &vp, &err);
    cs_buf b = { 0 };
    int rc = 0;
    if (!ok) {
        rc = cs_error_set(CS_EDATA, "the SVG could not be drawn: %s",
                          err ? err->message : "unknown error");
    } else {
        cairo_surface_flush(surf);
        if (cairo_surface_write_to_png_stream(surf, png_write, &b) != CAIRO_STATUS_SUCCESS)
            rc = cs_error_set(CS_ENOMEM, "out of memory writing a PNG");
    }
    if (err)
        g_error_free(err);
    cairo_destroy(cr);
    cairo_surface_destroy(surf);
    g_object_unref(h);
    if (rc) {
        cs_buf_free(&b);
        return rc;
    }
    *out = (unsigned char *)b.data;
    *len = b.len;
    return 0;
}
