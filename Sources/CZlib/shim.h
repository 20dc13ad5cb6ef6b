// zlib, for the deflate members of .npz archives (numpy's savez_compressed).
#include <zlib.h>
