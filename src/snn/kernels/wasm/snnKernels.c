// SIMD kernels of the SNN engine (DESIGN.md "Performance strategy", steps 2-3), compiled by
// scripts/snn-wasm/buildSnnWasm.ts into a module that imports tfjs-backend-wasm's memory and works
// in place on its tensors. Rules that keep tfjs's heap safe (checked by the build script):
// no data segments (constants inline, no lookup tables), no shadow stack (no arrays or structs on
// the stack, everything inlined), no libc (memset is bulk-memory `memory.fill`).
//
// Layouts: NHWC float32; time folded T-major, so element i of step t is at [t * N + i].
// LIF: h = tau*v + I; s = h >= theta; hard v = h*(1-s), soft v = h - theta*s (same float32
// operations, in the same order, as the composed tfjs ops, so spikes match bit for bit).
#include <stdint.h>
#include <wasm_simd128.h>

typedef v128_t f4;
#define INLINE static inline __attribute__((always_inline))
#define EXPORT(name) __attribute__((export_name(#name)))

enum { TRIANGLE = 0, SIGMOID = 1, ATAN = 2, RECTANGLE = 3, FAST_SIGMOID = 4 };

// Tails: a lone element rides in lane 0 of a splatted vector, so one code path does the math.
INLINE f4 ld(const float *p, int full) { return full ? wasm_v128_load(p) : wasm_f32x4_splat(*p); }
INLINE void st(float *p, f4 v, int full) {
  if (full) wasm_v128_store(p, v);
  else *p = wasm_f32x4_extract_lane(v, 0);
}
INLINE f4 splat(float x) { return wasm_f32x4_splat(x); }
INLINE f4 add(f4 a, f4 b) { return wasm_f32x4_add(a, b); }
INLINE f4 sub(f4 a, f4 b) { return wasm_f32x4_sub(a, b); }
INLINE f4 mul(f4 a, f4 b) { return wasm_f32x4_mul(a, b); }
INLINE f4 dvd(f4 a, f4 b) { return wasm_f32x4_div(a, b); }

// exp(x) for x <= 0 (Cephes expf: range reduction by ln2 in two parts, degree-6 polynomial,
// scale by 2^n through the exponent bits). Measured against double exp on 2e6 points of [-87, 0]:
// max relative error 8.2e-8 (< 1.4 ulp, no FMA); test/snn/kernels/snnKernelsWasm.test.ts keeps it
// under 3 ulp. Below -87.3 it clamps (result ~1e-38; the surrogate is then ~0 anyway).
INLINE f4 exp_nonpos(f4 x) {
  x = wasm_f32x4_max(x, splat(-87.3365447f));
  // n = round(x / ln2) by the 1.5 * 2^23 shift: its low mantissa bits are n (|n| <= 126), so 2^n is
  // built from them with integer adds and no float-to-int conversion (slow in V8's SIMD lowering).
  f4 shifted = add(mul(x, splat(1.44269504088896341f)), splat(12582912.0f));
  f4 n = sub(shifted, splat(12582912.0f));
  f4 r = sub(sub(x, mul(n, splat(0.693359375f))), mul(n, splat(-2.12194440e-4f)));
  f4 p = splat(1.9875691500e-4f);
  p = add(mul(p, r), splat(1.3981999507e-3f));
  p = add(mul(p, r), splat(8.3334519073e-3f));
  p = add(mul(p, r), splat(4.1665795894e-2f));
  p = add(mul(p, r), splat(1.6666665459e-1f));
  p = add(mul(p, r), splat(5.0000001201e-1f));
  p = add(add(mul(mul(p, r), r), r), splat(1.0f));
  f4 scale = wasm_i32x4_shl(wasm_i32x4_add(shifted, wasm_i32x4_splat(127 - 0x4B400000)), 23);
  return mul(p, scale);
}

// Exported for the accuracy test of exp_nonpos: out[i] = exp(x[i]), x <= 0.
EXPORT(exp_nonpos) void exp_nonpos_array(const float *x, float *out, int n) {
  for (int i = 0; i < n; i += 4) {
    int full = i + 4 <= n;
    if (!full) {
      for (; i < n; i++) st(out + i, exp_nonpos(ld(x + i, 0)), 0);
      break;
    }
    st(out + i, exp_nonpos(ld(x + i, 1)), 1);
  }
}

// Surrogate dH/du (src/snn/surrogates.ts), u = h - theta. Parameters (set by wasmKernels.ts):
// triangle a=gamma b=gamma^2; sigmoid a=gamma; atan a=gamma/2 b=pi*gamma/2; rectangle a=gamma/2
// b=gamma; fastSigmoid a=gamma/2 b=gamma.
INLINE f4 surrogate(int kind, f4 u, float a, float b) {
  f4 au = wasm_f32x4_abs(u);
  if (kind == TRIANGLE) return dvd(wasm_f32x4_max(sub(splat(a), au), splat(0.0f)), splat(b));
  if (kind == SIGMOID) {
    // gamma*s*(1-s) with s = sigmoid(gamma*u), written as gamma*e/(1+e)^2, e = exp(-gamma|u|)
    f4 e = exp_nonpos(mul(splat(-a), au));
    f4 d = add(splat(1.0f), e);
    return dvd(mul(splat(a), e), mul(d, d));
  }
  if (kind == ATAN) {
    f4 ku = mul(u, splat(b));
    return dvd(splat(a), add(splat(1.0f), mul(ku, ku)));
  }
  if (kind == RECTANGLE) {
    f4 inside = wasm_f32x4_lt(au, splat(a));
    return wasm_v128_and(inside, dvd(splat(1.0f), splat(b)));
  }
  f4 d = add(splat(1.0f), mul(au, splat(b)));
  return dvd(splat(a), mul(d, d));
}

INLINE f4 charge(f4 v, f4 x, float tau) { return add(mul(v, splat(tau)), x); }
INLINE f4 fire(f4 h, float theta) { return wasm_v128_and(wasm_f32x4_ge(h, splat(theta)), splat(1.0f)); }
INLINE f4 reset(f4 h, f4 s, float theta, int hard) {
  return hard ? mul(h, sub(splat(1.0f), s)) : sub(h, mul(splat(theta), s));
}

// One backward step: dL/dh_t from dL/dv_t (gv) and dL/ds_t (ds, external).
INLINE f4 back_step(f4 h, f4 gv, f4 ds, float theta, int hard, int detach, int kind, float a, float b) {
  f4 s = fire(h, theta);
  if (!detach) ds = add(ds, mul(gv, hard ? wasm_f32x4_neg(h) : splat(-theta)));
  f4 dh_direct = hard ? mul(gv, sub(splat(1.0f), s)) : gv;
  return add(dh_direct, mul(ds, surrogate(kind, sub(h, splat(theta)), a, b)));
}

// Forward over all steps for elements [i, i+4) (or i alone): spikes S [T,N] (unless S is null),
// final V [N].
INLINE void lif_fwd_at(const float *I, const float *v0, float *S, float *V, int T, int N, int i, int full,
                       float tau, float theta, int hard) {
  f4 v = ld(v0 + i, full);
  for (int t = 0; t < T; t++) {
    f4 h = charge(v, ld(I + t * N + i, full), tau);
    f4 s = fire(h, theta);
    if (S) st(S + t * N + i, s, full);
    v = reset(h, s, theta, hard);
  }
  st(V + i, v, full);
}

// Offset of element group k (0..3) of a quad whose two index bits have strides o1 and o2.
#define QUAD(k, o1, o2) (((k) & 1 ? (o1) : 0) + ((k) & 2 ? (o2) : 0))

// Forward of four independent element groups at QUAD(k, o1, o2), interleaved: each recurrence over
// t is a serial chain of ~6 dependent operations, so one alone leaves the CPU idle (latency-bound).
INLINE void lif_fwd_quad(const float *I, const float *v0, float *S, float *V, int T, int N, int o1, int o2,
                         float tau, float theta, int hard) {
  f4 v[4];
#pragma clang loop unroll(full)
  for (int k = 0; k < 4; k++) v[k] = ld(v0 + QUAD(k, o1, o2), 1);
  for (int t = 0; t < T; t++) {
#pragma clang loop unroll(full)
    for (int k = 0; k < 4; k++) {
      int at = t * N + QUAD(k, o1, o2);
      f4 h = charge(v[k], ld(I + at, 1), tau);
      f4 s = fire(h, theta);
      if (S) st(S + at, s, 1);
      v[k] = reset(h, s, theta, hard);
    }
  }
#pragma clang loop unroll(full)
  for (int k = 0; k < 4; k++) st(V + QUAD(k, o1, o2), v[k], 1);
}

EXPORT(lif_forward) void lif_forward(const float *I, const float *v0, float *S, float *V, int T, int N,
                                     float tau, float theta, int hard) {
  int i = 0;
  for (; i + 16 <= N; i += 16) lif_fwd_quad(I + i, v0 + i, S ? S + i : 0, V + i, T, N, 4, 8, tau, theta, hard);
  for (; i + 4 <= N; i += 4) lif_fwd_at(I, v0, S, V, T, N, i, 1, tau, theta, hard);
  for (; i < N; i++) lif_fwd_at(I, v0, S, V, T, N, i, 0, tau, theta, hard);
}

// Backward of four independent element groups at QUAD(k, o1, o2) (pointers already at the first),
// interleaved for the same reason as lif_fwd_quad: h_t recomputed into dI, then the reverse
// recurrence. dL/ds_t of group k is dS[t * dsN + QUAD(k, d1, d2)] * dsScale (dS null: 0).
INLINE void lif_bwd_quad(const float *I, const float *v0, const float *dS, int dsN, int d1, int d2, float dsScale,
                         const float *dV, float *dI, float *dv0, int T, int N, int o1, int o2, int full,
                         float tau, float theta, int hard, int detach, int kind, float a, float b) {
  f4 v[4], gv[4];
#pragma clang loop unroll(full)
  for (int k = 0; k < 4; k++) v[k] = ld(v0 + QUAD(k, o1, o2), full);
  for (int t = 0; t < T; t++) {
#pragma clang loop unroll(full)
    for (int k = 0; k < 4; k++) {
      int at = t * N + QUAD(k, o1, o2);
      f4 h = charge(v[k], ld(I + at, full), tau);
      st(dI + at, h, full);
      v[k] = reset(h, fire(h, theta), theta, hard);
    }
  }
#pragma clang loop unroll(full)
  for (int k = 0; k < 4; k++) gv[k] = ld(dV + QUAD(k, o1, o2), full);
  for (int t = T - 1; t >= 0; t--) {
#pragma clang loop unroll(full)
    for (int k = 0; k < 4; k++) {
      int at = t * N + QUAD(k, o1, o2);
      f4 ds = dS ? mul(ld(dS + t * dsN + QUAD(k, d1, d2), full), splat(dsScale)) : splat(0.0f);
      f4 dh = back_step(ld(dI + at, full), gv[k], ds, theta, hard, detach, kind, a, b);
      st(dI + at, dh, full);
      gv[k] = mul(dh, splat(tau));
    }
  }
#pragma clang loop unroll(full)
  for (int k = 0; k < 4; k++) st(dv0 + QUAD(k, o1, o2), gv[k], full);
}

// Backward for elements [i, i+4) (or i alone): recomputes h_t into dI (no stored state), then runs
// the recurrence in reverse, overwriting h_t with dL/dI_t = dL/dh_t. dS null: no spike gradient.
INLINE void lif_bwd_at(const float *I, const float *v0, const float *dS, const float *dV, float *dI,
                       float *dv0, int T, int N, int i, int full, float tau, float theta, int hard,
                       int detach, int kind, float a, float b) {
  f4 v = ld(v0 + i, full);
  for (int t = 0; t < T; t++) {
    f4 h = charge(v, ld(I + t * N + i, full), tau);
    st(dI + t * N + i, h, full);
    v = reset(h, fire(h, theta), theta, hard);
  }
  f4 gv = ld(dV + i, full);
  for (int t = T - 1; t >= 0; t--) {
    float *at = dI + t * N + i;
    f4 dh = back_step(ld(at, full), gv, dS ? ld(dS + t * N + i, full) : splat(0.0f), theta, hard, detach, kind, a, b);
    st(at, dh, full);
    gv = mul(dh, splat(tau));
  }
  st(dv0 + i, gv, full);
}

EXPORT(lif_backward) void lif_backward(const float *I, const float *v0, const float *dS, const float *dV,
                                       float *dI, float *dv0, int T, int N, float tau, float theta, int hard,
                                       int detach, int kind, float a, float b) {
  int i = 0;
  for (; i + 16 <= N; i += 16) {
    lif_bwd_quad(I + i, v0 + i, dS ? dS + i : 0, N, 4, 8, 1.0f, dV + i, dI + i, dv0 + i, T, N, 4, 8, 1, tau, theta,
                 hard, detach, kind, a, b);
  }
  for (; i + 4 <= N; i += 4) lif_bwd_at(I, v0, dS, dV, dI, dv0, T, N, i, 1, tau, theta, hard, detach, kind, a, b);
  for (; i < N; i++) lif_bwd_at(I, v0, dS, dV, dI, dv0, T, N, i, 0, tau, theta, hard, detach, kind, a, b);
}

#include "snnPoolKernels.inc"
#include "snnConvKernels.inc"
