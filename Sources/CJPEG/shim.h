#ifndef CRFVIEW_CJPEG_SHIM_H
#define CRFVIEW_CJPEG_SHIM_H

// libjpeg reports errors through error_exit, which must not return; the standard way out is
// longjmp. Swift frames must never be jumped over, so every libjpeg call happens inside the C
// functions below: each sets its own jump target, turns any error into a message in a caller
// buffer and returns 0. libjpeg-turbo treats a file cut short as a mere warning and pads the
// image with grey; here that warning, and the ones saying scan data was lost, are errors.
// Other warnings and trace messages are swallowed because the viewer owns the terminal.

#include <stdio.h>
#include <jpeglib.h>
#include <jerror.h>
#include <setjmp.h>
#include <stdint.h>

/// Size of the message buffer the functions below fill on failure.
#define CRF_JPEG_MESSAGE_SIZE 256

/// libjpeg's error manager extended with the jump target and the caller's message buffer;
/// `manager` comes first so libjpeg's `cinfo->err` pointer converts back to this struct.
typedef struct {
    struct jpeg_error_mgr manager;
    jmp_buf jump;
    char *message;
    size_t message_size;
} crf_jpeg_error;

static inline void crf_jpeg_fail(j_common_ptr cinfo, const char *prefix) {
    crf_jpeg_error *error = (crf_jpeg_error *)cinfo->err;
    char text[JMSG_LENGTH_MAX];
    (*cinfo->err->format_message)(cinfo, text);
    snprintf(error->message, error->message_size, "%s%s", prefix, text);
    longjmp(error->jump, 1);
}

static inline void crf_jpeg_on_error(j_common_ptr cinfo) { crf_jpeg_fail(cinfo, "corrupt JPEG: "); }

static inline void crf_jpeg_on_message(j_common_ptr cinfo, int level) {
    if (level != -1) return;
    int code = cinfo->err->msg_code;
    if (code == JWRN_JPEG_EOF) {
        crf_jpeg_error *error = (crf_jpeg_error *)cinfo->err;
        snprintf(error->message, error->message_size, "truncated JPEG");
        longjmp(error->jump, 1);
    }
    if (code == JWRN_HIT_MARKER || code == JWRN_MUST_RESYNC) crf_jpeg_fail(cinfo, "corrupt JPEG: ");
}

/// Points `cinfo` at the error handlers above; the caller then sets its jump target.
static inline void crf_jpeg_prepare(struct jpeg_decompress_struct *cinfo, crf_jpeg_error *error,
                                    char *message, size_t message_size) {
    cinfo->err = jpeg_std_error(&error->manager);
    error->manager.error_exit = crf_jpeg_on_error;
    error->manager.emit_message = crf_jpeg_on_message;
    error->message = message;
    error->message_size = message_size;
}

/// Reads the markers up to the first scan so the caller can check the size before allocating.
/// Returns 1 on success, 0 with `message` filled on failure.
static inline int crf_jpeg_read_header(const unsigned char *data, size_t size, uint32_t *width, uint32_t *height,
                                       char *message, size_t message_size) {
    struct jpeg_decompress_struct cinfo;
    crf_jpeg_error error;
    crf_jpeg_prepare(&cinfo, &error, message, message_size);
    if (setjmp(error.jump)) {
        jpeg_destroy_decompress(&cinfo);
        return 0;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, data, (unsigned long)size);
    jpeg_read_header(&cinfo, TRUE);
    *width = cinfo.image_width;
    *height = cinfo.image_height;
    jpeg_destroy_decompress(&cinfo);
    return 1;
}

/// (a * b) / 255 rounded, for 8-bit a and b.
static inline unsigned char crf_jpeg_multiply(unsigned a, unsigned b) {
    unsigned t = a * b + 128;
    return (unsigned char)((t + (t >> 8)) >> 8);
}

/// Decodes to 8-bit RGB into `out`, which must hold exactly width * height * 3 bytes.
/// libjpeg-turbo converts grayscale and YCbCr itself; CMYK and YCCK come out as CMYK and are
/// converted here as R = (1 - C)(1 - K) and so on. Adobe's APP14 marker means the file stores
/// CMYK inverted (Photoshop's convention), so the stored values are then (1 - C) and (1 - K).
/// Returns 1 on success, 0 with `message` filled on failure.
static inline int crf_jpeg_decode_rgb(const unsigned char *data, size_t size, unsigned char *out, size_t out_size,
                                      char *message, size_t message_size) {
    struct jpeg_decompress_struct cinfo;
    crf_jpeg_error error;
    crf_jpeg_prepare(&cinfo, &error, message, message_size);
    if (setjmp(error.jump)) {
        jpeg_destroy_decompress(&cinfo);
        return 0;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, data, (unsigned long)size);
    jpeg_read_header(&cinfo, TRUE);
    int cmyk = cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK;
    cinfo.out_color_space = cmyk ? JCS_CMYK : JCS_RGB;
    jpeg_start_decompress(&cinfo);
    size_t width = cinfo.output_width;
    if (cinfo.output_height == 0 || width * 3 > out_size / cinfo.output_height ||
        width * 3 * cinfo.output_height != out_size) {
        jpeg_destroy_decompress(&cinfo);
        snprintf(message, message_size, "JPEG decodes to %ux%u, not the expected size",
                 cinfo.output_width, cinfo.output_height);
        return 0;
    }
    JSAMPARRAY cmyk_row = cmyk ? (*cinfo.mem->alloc_sarray)((j_common_ptr)&cinfo, JPOOL_IMAGE,
                                                              (JDIMENSION)(width * 4), 1)
                               : NULL;
    int inverted = cinfo.saw_Adobe_marker;
    while (cinfo.output_scanline < cinfo.output_height) {
        unsigned char *target = out + (size_t)cinfo.output_scanline * width * 3;
        if (!cmyk) {
            JSAMPROW rows[1] = {target};
            jpeg_read_scanlines(&cinfo, rows, 1);
            continue;
        }
        jpeg_read_scanlines(&cinfo, cmyk_row, 1);
        const unsigned char *source = cmyk_row[0];
        for (size_t x = 0; x < width; x++, source += 4, target += 3) {
            unsigned k = inverted ? source[3] : 255u - source[3];
            for (int c = 0; c < 3; c++) target[c] = crf_jpeg_multiply(inverted ? source[c] : 255u - source[c], k);
        }
    }
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    return 1;
}

#endif
