#ifndef CRFVIEW_CPU_FEATURES_H
#define CRFVIEW_CPU_FEATURES_H

/// 1 when this CPU has AVX2 and the operating system saves its registers across context
/// switches (CPUID and XGETBV, as the compiler's own function multiversioning asks), else 0;
/// always 0 off x86-64.
int crf_cpu_has_avx2(void);

#endif
