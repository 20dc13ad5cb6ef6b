#ifndef CRFVIEW_CPNG_SHIM_H
#define CRFVIEW_CPNG_SHIM_H

// libpng reports errors by longjmp-ing out of its error callback. Swift frames must never be
// jumped over, so every call into libpng's classic (reading) API happens inside the C
// functions below: each sets its own jump target, turns any libpng error into a message in a
// caller buffer and returns 0. Warnings are swallowed because the viewer owns the terminal
// and stderr output would corrupt the screen. Writing uses the simplified API, which needs no
// jump target at all.

#include <png.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/// Size of the message buffer the functions below fill on failure.
#define CRF_PNG_MESSAGE_SIZE 256

/// What the IHDR chunk says about the image.
typedef struct {
    uint32_t width;
    uint32_t height;
    int bit_depth;
    int color_type;
} crf_png_header;

/// How `crf_png_decode` lays out pixels.
typedef enum {
    /// 3 bytes per pixel: palettes expanded, gray replicated, alpha (channel or tRNS) dropped,
    /// 16-bit samples scaled to 8 bits with rounding.
    CRF_PNG_RGB8 = 0,
    /// The first channel's raw sample values: palette indices, or gray levels not rescaled
    /// (a 2-bit gray 3 stays 3), alpha dropped; 16-bit samples as 2 big-endian bytes.
    CRF_PNG_FIRST_CHANNEL = 1,
} crf_png_layout;

/// The in-memory PNG being read, and where to put a failure message.
typedef struct {
    const unsigned char *data;
    size_t size;
    size_t offset;
    char *message;
    size_t message_size;
} crf_png_source;

static inline void crf_png_on_error(png_structp png, png_const_charp text) {
    crf_png_source *source = (crf_png_source *)png_get_error_ptr(png);
    snprintf(source->message, source->message_size, "corrupt PNG: %s", text);
    png_longjmp(png, 1);
}

static inline void crf_png_on_warning(png_structp png, png_const_charp text) {
    (void)png;
    (void)text;
}

static inline void crf_png_on_read(png_structp png, png_bytep out, size_t length) {
    crf_png_source *source = (crf_png_source *)png_get_io_ptr(png);
    if (length > source->size - source->offset) {
        snprintf(source->message, source->message_size, "truncated PNG");
        png_longjmp(png, 1);
    }
    memcpy(out, source->data + source->offset, length);
    source->offset += length;
}

/// Creates a read struct wired to `source`; 0 (with a message) when out of memory.
static inline int crf_png_create(crf_png_source *source, png_structp *png, png_infop *info) {
    *png = png_create_read_struct(PNG_LIBPNG_VER_STRING, source, crf_png_on_error, crf_png_on_warning);
    *info = *png ? png_create_info_struct(*png) : NULL;
    if (*info == NULL) {
        png_destroy_read_struct(png, NULL, NULL);
        snprintf(source->message, source->message_size, "out of memory starting the PNG reader");
        return 0;
    }
    png_set_read_fn(*png, source, crf_png_on_read);
    // The caller's pixel budget is the limit, not libpng's default of 1,000,000 per side.
    png_set_user_limits(*png, 0x7fffffff, 0x7fffffff);
    return 1;
}

/// Reads the chunks up to the first IDAT so the caller can check the size before allocating.
/// Returns 1 on success, 0 with `message` filled on failure.
static inline int crf_png_read_header(const unsigned char *data, size_t size, crf_png_header *header,
                                      char *message, size_t message_size) {
    crf_png_source source = {data, size, 0, message, message_size};
    png_structp png;
    png_infop info;
    if (!crf_png_create(&source, &png, &info)) return 0;
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_read_struct(&png, &info, NULL);
        return 0;
    }
    png_read_info(png, info);
    header->width = png_get_image_width(png, info);
    header->height = png_get_image_height(png, info);
    header->bit_depth = png_get_bit_depth(png, info);
    header->color_type = png_get_color_type(png, info);
    png_destroy_read_struct(&png, &info, NULL);
    return 1;
}

/// Decodes the whole image (interlaced or not) into `out`, which must hold exactly the
/// `layout`'s bytes for the image; the trailing chunks are read too, so a file cut after the
/// pixel data still fails. Returns 1 on success, 0 with `message` filled on failure.
static inline int crf_png_decode(const unsigned char *data, size_t size, crf_png_layout layout,
                                 unsigned char *out, size_t out_size, char *message, size_t message_size) {
    crf_png_source source = {data, size, 0, message, message_size};
    png_structp png;
    png_infop info;
    if (!crf_png_create(&source, &png, &info)) return 0;
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_read_struct(&png, &info, NULL);
        return 0;
    }
    png_read_info(png, info);
    int color_type = png_get_color_type(png, info);
    int bit_depth = png_get_bit_depth(png, info);
    png_uint_32 height = png_get_image_height(png, info);
    if (bit_depth < 8) png_set_packing(png);
    if (layout == CRF_PNG_RGB8) {
        if (color_type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
        if (color_type == PNG_COLOR_TYPE_GRAY && bit_depth < 8) png_set_expand_gray_1_2_4_to_8(png);
        if (bit_depth == 16) png_set_scale_16(png);
        if ((color_type & PNG_COLOR_MASK_COLOR) == 0) png_set_gray_to_rgb(png);
    }
    // Drops an alpha channel, and also the one png_set_palette_to_rgb makes from tRNS.
    png_set_strip_alpha(png);
    int passes = png_set_interlace_handling(png);
    png_read_update_info(png, info);
    size_t row_bytes = png_get_rowbytes(png, info);
    int channels = png_get_channels(png, info);
    if (channels != (layout == CRF_PNG_RGB8 ? 3 : 1) || height == 0 || row_bytes > out_size / height ||
        row_bytes * height != out_size) {
        png_destroy_read_struct(&png, &info, NULL);
        snprintf(message, message_size, "PNG decodes to %d channels of %zu bytes per row, not the expected layout",
                 channels, row_bytes);
        return 0;
    }
    for (int pass = 0; pass < passes; pass++) {
        for (png_uint_32 y = 0; y < height; y++) png_read_row(png, out + (size_t)y * row_bytes, NULL);
    }
    png_read_end(png, NULL);
    png_destroy_read_struct(&png, &info, NULL);
    return 1;
}

#endif
