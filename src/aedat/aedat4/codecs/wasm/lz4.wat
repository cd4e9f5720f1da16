;; Hand-written kernels of the event decoders (compiled by scripts/buildWasm.ts into
;; lz4Wasm.generated.ts; `npm run build:wasm`): AEDAT 4.0's LZ4 blocks and event structs, the
;; 5-byte records of N-MNIST / N-Caltech101 `.bin` files, and the 8-byte records of AEDAT 2.0
;; and DAT. The JS code in ../lz4Block.ts (decodeBlock), ../../packets.ts (extractEventsJs),
;; ../../../nmnist/NmnistDecoder.ts, ../../../aedat2/Aedat2Decoder.ts and
;; ../../../prophesee/DatBody.ts is the reference and the fallback; test/aedat/Lz4Wasm.test.ts,
;; Aedat4Wasm.test.ts, NmnistWasm.test.ts, Aedat2Wasm.test.ts and DatWasm.test.ts check that
;; both agree.
;;
;; Memory is owned by the module and grown here as output needs it (never past 32767 pages, so
;; every address fits a positive i32). Addresses are absolute; the caller (Lz4WasmDecoder.ts)
;; lays out
;;   [0, 16)        error registers: kind, position, a, b (i32 each)
;;   [in, inEnd)    the compressed frame, followed by >= 16 readable padding bytes
;;   [base, ...)    the decompressed output (matches may not reach before base)
;; Reads stay in [in, inEnd + 16) and [base, d); writes start at d and end before memory.size
;; (checked, growing first), so hostile lengths and offsets return an error code, never trap.
;; The block decoder is one long function on purpose: calls per sequence cost ~2x (measured).
;; Needs WebAssembly SIMD (as the SNN kernels do): without it the module does not compile and
;; every decoder takes its JS path.
(module
  (memory (export "memory") 1 32767)

  ;; Output writes may run this many bytes past the end of a copy (word copies).
  (global $SLACK i32 (i32.const 32))

  ;; Return codes of $block / $stored (a result >= 0 is the new output address).
  ;;  -1: output would pass the limit   -2: malformed (registers set)   -3: memory cannot grow
  ;; Error kinds (register 0): 1 length byte missing, 2 literals past the block (a = count),
  ;;   3 match offset missing, 4 match offset outside 1..a (b = offset).

  ;; Records a malformed sequence and returns -2.
  (func $fail (param $kind i32) (param $at i32) (param $a i32) (param $b i32) (result i32)
    (i32.store (i32.const 0) (local.get $kind))
    (i32.store (i32.const 4) (local.get $at))
    (i32.store (i32.const 8) (local.get $a))
    (i32.store (i32.const 12) (local.get $b))
    (i32.const -2))

  ;; Highest address a write may start a copy ending at: memory bytes minus the slack.
  (func $room (result i32)
    (i32.sub (i32.shl (memory.size) (i32.const 16)) (global.get $SLACK)))

  ;; Highest output address where a fast-path sequence (<= 32 bytes) fits under limit and room.
  (func $fastEnd (param $limit i32) (param $room i32) (result i32)
    (i32.sub (select (local.get $limit) (local.get $room) (i32.lt_u (local.get $limit) (local.get $room))) (i32.const 32)))

  ;; Grows memory so that [0, need + SLACK) is addressable, doubling (as far as twice the need).
  ;; Returns 1, or 0 when memory cannot grow that far.
  (func $reserve (export "reserve") (param $need i32) (result i32)
    (local $cur i32) (local $want i32) (local $target i32)
    (local.set $cur (memory.size))
    ;; pages for need + SLACK, computed without overflow (need < 2^31)
    (local.set $want (i32.shr_u
      (i32.add (i32.add (local.get $need) (global.get $SLACK)) (i32.const 65535)) (i32.const 16)))
    (if (i32.le_u (local.get $want) (local.get $cur)) (then (return (i32.const 1))))
    ;; target = max(want, min(2 cur, 2 want))
    (local.set $target (i32.shl (local.get $cur) (i32.const 1)))
    (if (i32.gt_u (local.get $target) (i32.shl (local.get $want) (i32.const 1)))
      (then (local.set $target (i32.shl (local.get $want) (i32.const 1)))))
    (if (i32.lt_u (local.get $target) (local.get $want)) (then (local.set $target (local.get $want))))
    (if (i32.ne (memory.grow (i32.sub (local.get $target) (local.get $cur))) (i32.const -1))
      (then (return (i32.const 1))))
    (i32.ne (memory.grow (i32.sub (local.get $want) (local.get $cur))) (i32.const -1)))

  ;; Copies a stored block [s, s + n) to d. Returns d + n, or -3.
  (func (export "stored") (param $s i32) (param $n i32) (param $d i32) (result i32)
    (if (i32.eqz (call $reserve (i32.add (local.get $d) (local.get $n))))
      (then (return (i32.const -3))))
    (memory.copy (local.get $d) (local.get $s) (local.get $n))
    (i32.add (local.get $d) (local.get $n)))

  ;; Adds the extra length bytes (255, 255, ..., last < 255) at s to len. Returns the position
  ;; after them; a missing byte returns its position with the high bit set (s < 2^31).
  (func $extra (param $s i32) (param $sEnd i32) (param $len i32) (result i32 i32)
    (local $b i32)
    (loop $more
      (if (i32.ge_u (local.get $s) (local.get $sEnd))
        (then (return (i32.or (local.get $s) (i32.const 0x80000000)) (local.get $len))))
      (local.set $b (i32.load8_u (local.get $s)))
      (local.set $s (i32.add (local.get $s) (i32.const 1)))
      (local.set $len (i32.add (local.get $len) (local.get $b)))
      (br_if $more (i32.eq (local.get $b) (i32.const 255))))
    (local.get $s) (local.get $len))

;; Decodes the LZ4 block [s, sEnd) to d, producing no byte at or past limit and no match
  ;; before base. Checks in the order of decodeBlock in ../lz4Block.ts, so errors agree.
  ;; Returns the new output address, or -1 / -2 / -3 (see above).
  (func (export "block") (param $s i32) (param $sEnd i32) (param $d i32) (param $limit i32) (param $base i32) (result i32)
    (local $token i32) (local $lit i32) (local $len i32) (local $off i32) (local $room i32)
    (local $m i32) (local $e i32) (local $dFast i32) (local $sFast i32)
    (local.set $room (call $room))
    (local.set $dFast (call $fastEnd (local.get $limit) (local.get $room)))
    ;; the fast path needs 16 literal bytes and a 2-byte offset left in the block
    (local.set $sFast (i32.sub (local.get $sEnd) (i32.const 18)))
    (block $done
      (loop $seq
        (br_if $done (i32.ge_u (local.get $s) (local.get $sEnd)))
        (local.set $token (i32.load8_u (local.get $s)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (block $copy ;; a match to copy from m to e (d = its start)
          ;; Fast path: no extra length bytes (nibbles < 15), whole sequence inside the block and
          ;; under limit/room (<= 14 literals + <= 18 match bytes), so only the offset can be wrong.
          (if (i32.and
                (i32.and (i32.lt_u (local.get $token) (i32.const 0xf0)) (i32.ne (i32.and (local.get $token) (i32.const 15)) (i32.const 15)))
                (i32.and (i32.le_s (local.get $s) (local.get $sFast)) (i32.le_s (local.get $d) (local.get $dFast))))
            (then
              (local.set $lit (i32.shr_u (local.get $token) (i32.const 4)))
              (i64.store (local.get $d) (i64.load (local.get $s)))
              (i64.store offset=8 (local.get $d) (i64.load offset=8 (local.get $s)))
              (local.set $s (i32.add (local.get $s) (local.get $lit)))
              (local.set $d (i32.add (local.get $d) (local.get $lit)))
              (local.set $off (i32.load16_u (local.get $s)))
              (local.set $s (i32.add (local.get $s) (i32.const 2)))
              (if (i32.or (i32.eqz (local.get $off)) (i32.gt_u (local.get $off) (i32.sub (local.get $d) (local.get $base))))
                (then (return (call $fail (i32.const 4) (local.get $s) (i32.sub (local.get $d) (local.get $base)) (local.get $off)))))
              (local.set $m (i32.sub (local.get $d) (local.get $off)))
              (local.set $e (i32.add (i32.add (local.get $d) (i32.const 4)) (i32.and (local.get $token) (i32.const 15))))
              (br_if $copy (i32.lt_u (local.get $off) (i32.const 16)))
              ;; off >= 16: two 16-byte steps cover the <= 18 bytes, each reading written bytes only
              (i64.store (local.get $d) (i64.load (local.get $m)))
              (i64.store offset=8 (local.get $d) (i64.load offset=8 (local.get $m)))
              (i64.store offset=16 (local.get $d) (i64.load offset=16 (local.get $m)))
              (i64.store offset=24 (local.get $d) (i64.load offset=24 (local.get $m)))
              (local.set $d (local.get $e))
              (br $seq)))
          (local.set $lit (i32.shr_u (local.get $token) (i32.const 4)))
          (if (local.get $lit)
            (then
              (if (i32.eq (local.get $lit) (i32.const 15))
                (then
                  (call $extra (local.get $s) (local.get $sEnd) (local.get $lit))
                  (local.set $lit)
                  (local.set $s)
                  (if (i32.lt_s (local.get $s) (i32.const 0))
                    (then (return (call $fail (i32.const 1) (i32.and (local.get $s) (i32.const 0x7fffffff)) (i32.const 0) (i32.const 0)))))))
              (if (i32.gt_u (local.get $lit) (i32.sub (local.get $sEnd) (local.get $s)))
                (then (return (call $fail (i32.const 2) (local.get $s) (local.get $lit) (i32.const 0)))))
              (if (i32.gt_u (local.get $lit) (i32.sub (local.get $limit) (local.get $d)))
                (then (return (i32.const -1))))
              (if (i32.gt_u (i32.add (local.get $d) (local.get $lit)) (local.get $room))
                (then
                  (if (i32.eqz (call $reserve (i32.add (local.get $d) (local.get $lit))))
                    (then (return (i32.const -3))))
                  (local.set $room (call $room))
                  (local.set $dFast (call $fastEnd (local.get $limit) (local.get $room)))))
              ;; 16 bytes by two words when short (s + 16 is readable), else a bulk copy
              (if (i32.le_u (local.get $lit) (i32.const 16))
                (then
                  (i64.store (local.get $d) (i64.load (local.get $s)))
                  (i64.store offset=8 (local.get $d) (i64.load offset=8 (local.get $s))))
                (else (memory.copy (local.get $d) (local.get $s) (local.get $lit))))
              (local.set $s (i32.add (local.get $s) (local.get $lit)))
              (local.set $d (i32.add (local.get $d) (local.get $lit)))
              ;; the last sequence has literals only
              (br_if $done (i32.eq (local.get $s) (local.get $sEnd)))))
          (if (i32.lt_u (i32.sub (local.get $sEnd) (local.get $s)) (i32.const 2))
            (then (return (call $fail (i32.const 3) (local.get $s) (i32.const 0) (i32.const 0)))))
          (local.set $off (i32.load16_u (local.get $s)))
          (local.set $s (i32.add (local.get $s) (i32.const 2)))
          (local.set $len (i32.and (local.get $token) (i32.const 15)))
          (if (i32.eq (local.get $len) (i32.const 15))
            (then
              (call $extra (local.get $s) (local.get $sEnd) (local.get $len))
              (local.set $len)
              (local.set $s)
              (if (i32.lt_s (local.get $s) (i32.const 0))
                (then (return (call $fail (i32.const 1) (i32.and (local.get $s) (i32.const 0x7fffffff)) (i32.const 0) (i32.const 0)))))))
          (local.set $len (i32.add (local.get $len) (i32.const 4)))
          (if (i32.or (i32.eqz (local.get $off)) (i32.gt_u (local.get $off) (i32.sub (local.get $d) (local.get $base))))
            (then (return (call $fail (i32.const 4) (local.get $s) (i32.sub (local.get $d) (local.get $base)) (local.get $off)))))
          (if (i32.gt_u (local.get $len) (i32.sub (local.get $limit) (local.get $d)))
            (then (return (i32.const -1))))
          (if (i32.gt_u (i32.add (local.get $d) (local.get $len)) (local.get $room))
            (then
              (if (i32.eqz (call $reserve (i32.add (local.get $d) (local.get $len))))
                (then (return (i32.const -3))))
              (local.set $room (call $room))
              (local.set $dFast (call $fastEnd (local.get $limit) (local.get $room)))))
          (local.set $m (i32.sub (local.get $d) (local.get $off)))
          (local.set $e (i32.add (local.get $d) (local.get $len))))
        ;; $copy: word steps read only bytes already written when off >= the step, so
        ;; overlapping matches repeat correctly; writes may run SLACK bytes past e
        (local.set $off (i32.sub (local.get $d) (local.get $m)))
        (local.set $len (i32.sub (local.get $e) (local.get $d)))
        (if (i32.ge_u (local.get $off) (i32.const 16))
          (then
            (if (i32.and (i32.ge_u (local.get $off) (local.get $len)) (i32.gt_u (local.get $len) (i32.const 64)))
              (then (memory.copy (local.get $d) (local.get $m) (local.get $len)) (local.set $d (local.get $e)) (br $seq)))
            (loop $w16
              (i64.store (local.get $d) (i64.load (local.get $m)))
              (i64.store offset=8 (local.get $d) (i64.load offset=8 (local.get $m)))
              (local.set $d (i32.add (local.get $d) (i32.const 16)))
              (local.set $m (i32.add (local.get $m) (i32.const 16)))
              (br_if $w16 (i32.lt_u (local.get $d) (local.get $e))))
            (local.set $d (local.get $e))
            (br $seq)))
        (if (i32.ge_u (local.get $off) (i32.const 8))
          (then
            (loop $w8
              (i64.store (local.get $d) (i64.load (local.get $m)))
              (local.set $d (i32.add (local.get $d) (i32.const 8)))
              (local.set $m (i32.add (local.get $m) (i32.const 8)))
              (br_if $w8 (i32.lt_u (local.get $d) (local.get $e))))
            (local.set $d (local.get $e))
            (br $seq)))
        (loop $bytes
          (i32.store8 (local.get $d) (i32.load8_u (local.get $m)))
          (local.set $d (i32.add (local.get $d) (i32.const 1)))
          (local.set $m (i32.add (local.get $m) (i32.const 1)))
          (br_if $bytes (i32.lt_u (local.get $d) (local.get $e))))
        (br $seq)))
    (local.get $d))

  ;; Splits n 16-byte Event structs at src (int64 t, int16 x, int16 y, bool p) into columns at
  ;; col (8-aligned): t f64[n], then x u16[n], y u16[n], p u8[n], keeping the events with
  ;; x < w and y < h (coordinates read unsigned). Returns how many were kept, or -1 when the
  ;; regions do not fit in memory.
  (func (export "events") (param $src i32) (param $n i32) (param $w i32) (param $h i32) (param $col i32) (result i32)
    (local $end i32) (local $k i32) (local $x i32) (local $y i32) (local $xs i32) (local $ys i32) (local $ps i32) (local $mem i32)
    (local.set $mem (i32.shl (memory.size) (i32.const 16)))
    (if (i32.or
          (i32.or (i32.gt_u (local.get $n) (i32.const 0x7ffffff)) (i32.gt_u (local.get $src) (local.get $mem)))
          (i32.or (i32.gt_u (local.get $col) (local.get $mem))
            (i32.or (i32.gt_u (i32.shl (local.get $n) (i32.const 4)) (i32.sub (local.get $mem) (local.get $src)))
              (i32.gt_u (i32.mul (local.get $n) (i32.const 13)) (i32.sub (local.get $mem) (local.get $col))))))
      (then (return (i32.const -1))))
    (local.set $end (i32.add (local.get $src) (i32.shl (local.get $n) (i32.const 4))))
    (local.set $xs (i32.add (local.get $col) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $ys (i32.add (local.get $xs) (i32.shl (local.get $n) (i32.const 1))))
    (local.set $ps (i32.add (local.get $ys) (i32.shl (local.get $n) (i32.const 1))))
    (block $done
      (loop $ev
        (br_if $done (i32.ge_u (local.get $src) (local.get $end)))
        (local.set $x (i32.load16_u offset=8 (local.get $src)))
        (local.set $y (i32.load16_u offset=10 (local.get $src)))
        ;; written at k whether kept or not (slot k is free); k advances only when kept
        (f64.store (i32.add (local.get $col) (i32.shl (local.get $k) (i32.const 3)))
          (f64.convert_i64_s (i64.load (local.get $src))))
        (i32.store16 (i32.add (local.get $xs) (i32.shl (local.get $k) (i32.const 1))) (local.get $x))
        (i32.store16 (i32.add (local.get $ys) (i32.shl (local.get $k) (i32.const 1))) (local.get $y))
        (i32.store8 (i32.add (local.get $ps) (local.get $k))
          (i32.ne (i32.load8_u offset=12 (local.get $src)) (i32.const 0)))
        (local.set $k (i32.add (local.get $k)
          (i32.and (i32.lt_u (local.get $x) (local.get $w)) (i32.lt_u (local.get $y) (local.get $h)))))
        (local.set $src (i32.add (local.get $src) (i32.const 16)))
        (br $ev)))
    (local.get $k))

  ;; The records [src, end) one by one (the reference loop; see "nbin"), writing event k on at
  ;; the columns col / xs / ys / ps. Returns the new k, overflow count and base.
  (func $nbinScalar (param $src i32) (param $end i32) (param $w i32) (param $h i32) (param $col i32) (param $xs i32) (param $ys i32) (param $ps i32) (param $k i32) (param $base f64) (param $ovf i32) (result i32 i32 f64)
    (local $x i32) (local $y i32) (local $b2 i32)
    (block $done
      (loop $rec
        (br_if $done (i32.ge_u (local.get $src) (local.get $end)))
        (local.set $x (i32.load8_u (local.get $src)))
        (local.set $y (i32.load8_u offset=1 (local.get $src)))
        (local.set $b2 (i32.load8_u offset=2 (local.get $src)))
        (if (i32.eq (local.get $y) (i32.const 240))
          (then
            (local.set $base (f64.add (local.get $base) (f64.const 8192)))
            (local.set $ovf (i32.add (local.get $ovf) (i32.const 1))))
          (else
            (f64.store (i32.add (local.get $col) (i32.shl (local.get $k) (i32.const 3)))
              (f64.add (local.get $base) (f64.convert_i32_u
                (i32.or (i32.shl (i32.and (local.get $b2) (i32.const 0x7f)) (i32.const 16))
                  (i32.or (i32.shl (i32.load8_u offset=3 (local.get $src)) (i32.const 8))
                    (i32.load8_u offset=4 (local.get $src)))))))
            (i32.store16 (i32.add (local.get $xs) (i32.shl (local.get $k) (i32.const 1))) (local.get $x))
            (i32.store16 (i32.add (local.get $ys) (i32.shl (local.get $k) (i32.const 1))) (local.get $y))
            (i32.store8 (i32.add (local.get $ps) (local.get $k)) (i32.shr_u (local.get $b2) (i32.const 7)))
            (local.set $k (i32.add (local.get $k)
              (i32.and (i32.lt_u (local.get $x) (local.get $w)) (i32.lt_u (local.get $y) (local.get $h)))))))
        (local.set $src (i32.add (local.get $src) (i32.const 5)))
        (br $rec)))
    (local.get $k) (local.get $ovf) (local.get $base))

  ;; Splits n 5-byte N-MNIST records at src (x u8, y u8, p bit 7 + t bits 22..16, t bits 15..0
  ;; big-endian) into columns at col (8-aligned): t f64[n], then x u16[n], y u16[n], p u8[n].
  ;; A record with y = 240 is a timestamp overflow: 8192 us are added to base for it and every
  ;; later record, and it is not an event. Keeps the events with x < w and y < h. Returns the
  ;; events kept and the overflow records met, or (-1, 0) when the regions do not fit in memory.
  ;; Groups of 16 records (80 bytes, five vectors) go through SIMD when none of them is an
  ;; overflow or outside the sensor (2.4x the scalar loop, measured); other groups and the tail
  ;; go through $nbinScalar. Each field is gathered with five swizzles, one per source vector:
  ;; lane j of field f takes byte 5j + f, found in vector (5j + f) >> 4 at (5j + f) & 15 (lanes
  ;; of other vectors get index -128, which swizzle turns into 0). Timestamps are gathered four
  ;; at a time as i32 lanes (bytes 4, 3, 2 of each record, then 0) masked to 23 bits.
  (func (export "nbin") (param $src i32) (param $n i32) (param $w i32) (param $h i32) (param $col i32) (param $base f64) (result i32 i32)
    (local $end i32) (local $k i32) (local $xs i32) (local $ys i32) (local $ps i32) (local $ovf i32) (local $simdEnd i32)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128) (local $v4 v128)
    (local $vx v128) (local $vy v128) (local $vb v128) (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local $wl v128) (local $hl v128) (local $vbase v128) (local $tc i32) (local $mem i32)
    (local.set $mem (i32.shl (memory.size) (i32.const 16)))
    (if (i32.or
          (i32.or (i32.gt_u (local.get $n) (i32.const 0x7ffffff)) (i32.gt_u (local.get $src) (local.get $mem)))
          (i32.or (i32.gt_u (local.get $col) (local.get $mem))
            (i32.or (i32.gt_u (i32.mul (local.get $n) (i32.const 5)) (i32.sub (local.get $mem) (local.get $src)))
              (i32.gt_u (i32.mul (local.get $n) (i32.const 13)) (i32.sub (local.get $mem) (local.get $col))))))
      (then (return (i32.const -1) (i32.const 0))))
    (local.set $end (i32.add (local.get $src) (i32.mul (local.get $n) (i32.const 5))))
    (local.set $xs (i32.add (local.get $col) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $ys (i32.add (local.get $xs) (i32.shl (local.get $n) (i32.const 1))))
    (local.set $ps (i32.add (local.get $ys) (i32.shl (local.get $n) (i32.const 1))))
    ;; lanes fail when x > w - 1 or y > h - 1 (clamped to 255) or y = 240
    (local.set $wl (i8x16.splat (select (i32.const 255) (i32.sub (local.get $w) (i32.const 1)) (i32.gt_u (local.get $w) (i32.const 255)))))
    (local.set $hl (i8x16.splat (select (i32.const 255) (i32.sub (local.get $h) (i32.const 1)) (i32.gt_u (local.get $h) (i32.const 255)))))
    ;; whole groups of 16 records (none when a sensor side is 0: every event is outside)
    (local.set $simdEnd (i32.add (local.get $src) (i32.mul (i32.shr_u (local.get $n) (i32.const 4)) (i32.const 80))))
    (if (i32.or (i32.eqz (local.get $w)) (i32.eqz (local.get $h))) (then (local.set $simdEnd (local.get $src))))
    (block $simdDone
      (loop $group
        (br_if $simdDone (i32.ge_u (local.get $src) (local.get $simdEnd)))
        (local.set $v0 (v128.load (local.get $src)))
        (local.set $v1 (v128.load offset=16 (local.get $src)))
        (local.set $v2 (v128.load offset=32 (local.get $src)))
        (local.set $v3 (v128.load offset=48 (local.get $src)))
        (local.set $v4 (v128.load offset=64 (local.get $src)))
        (local.set $vx (v128.or (v128.or (v128.or (v128.or (i8x16.swizzle (local.get $v0) (v128.const i8x16 0 5 10 15 -128 -128 -128 -128 -128 -128 -128 -128 -128 -128 -128 -128)) (i8x16.swizzle (local.get $v1) (v128.const i8x16 -128 -128 -128 -128 4 9 14 -128 -128 -128 -128 -128 -128 -128 -128 -128))) (i8x16.swizzle (local.get $v2) (v128.const i8x16 -128 -128 -128 -128 -128 -128 -128 3 8 13 -128 -128 -128 -128 -128 -128))) (i8x16.swizzle (local.get $v3) (v128.const i8x16 -128 -128 -128 -128 -128 -128 -128 -128 -128 -128 2 7 12 -128 -128 -128))) (i8x16.swizzle (local.get $v4) (v128.const i8x16 -128 -128 -128 -128 -128 -128 -128 -128 -128 -128 -128 -128 -128 1 6 11))))
        (local.set $vy (v128.or (v128.or (v128.or (v128.or (i8x16.swizzle (local.get $v0) (v128.const i8x16 1 6 11 -128 -128 -128 -128 -128 -128 -128 -128 -128 -128 -128 -128 -128)) (i8x16.swizzle (local.get $v1) (v128.const i8x16 -128 -128 -128 0 5 10 15 -128 -128 -128 -128 -128 -128 -128 -128 -128))) (i8x16.swizzle (local.get $v2) (v128.const i8x16 -128 -128 -128 -128 -128 -128 -128 4 9 14 -128 -128 -128 -128 -128 -128))) (i8x16.swizzle (local.get $v3) (v128.const i8x16 -128 -128 -128 -128 -128 -128 -128 -128 -128 -128 3 8 13 -128 -128 -128))) (i8x16.swizzle (local.get $v4) (v128.const i8x16 -128 -128 -128 -128 -128 -128 -128 -128 -128 -128 -128 -128 -128 2 7 12))))
        (if (v128.any_true (v128.or (v128.or (i8x16.gt_u (local.get $vx) (local.get $wl)) (i8x16.gt_u (local.get $vy) (local.get $hl)))
              (i8x16.eq (local.get $vy) (i8x16.splat (i32.const 240)))))
          (then
            (call $nbinScalar (local.get $src) (i32.add (local.get $src) (i32.const 80)) (local.get $w) (local.get $h) (local.get $col)
              (local.get $xs) (local.get $ys) (local.get $ps) (local.get $k) (local.get $base) (local.get $ovf))
            (local.set $base) (local.set $ovf) (local.set $k))
          (else
            (local.set $vb (v128.or (v128.or (v128.or (v128.or (i8x16.swizzle (local.get $v0) (v128.const i8x16 2 7 12 -128 -128 -128 -128 -128 -128 -128 -128 -128 -128 -128 -128 -128)) (i8x16.swizzle (local.get $v1) (v128.const i8x16 -128 -128 -128 1 6 11 -128 -128 -128 -128 -128 -128 -128 -128 -128 -128))) (i8x16.swizzle (local.get $v2) (v128.const i8x16 -128 -128 -128 -128 -128 -128 0 5 10 15 -128 -128 -128 -128 -128 -128))) (i8x16.swizzle (local.get $v3) (v128.const i8x16 -128 -128 -128 -128 -128 -128 -128 -128 -128 -128 4 9 14 -128 -128 -128))) (i8x16.swizzle (local.get $v4) (v128.const i8x16 -128 -128 -128 -128 -128 -128 -128 -128 -128 -128 -128 -128 -128 3 8 13))))
            (v128.store (i32.add (local.get $xs) (i32.shl (local.get $k) (i32.const 1))) (i16x8.extend_low_i8x16_u (local.get $vx)))
            (v128.store offset=16 (i32.add (local.get $xs) (i32.shl (local.get $k) (i32.const 1))) (i16x8.extend_high_i8x16_u (local.get $vx)))
            (v128.store (i32.add (local.get $ys) (i32.shl (local.get $k) (i32.const 1))) (i16x8.extend_low_i8x16_u (local.get $vy)))
            (v128.store offset=16 (i32.add (local.get $ys) (i32.shl (local.get $k) (i32.const 1))) (i16x8.extend_high_i8x16_u (local.get $vy)))
            (v128.store (i32.add (local.get $ps) (local.get $k)) (i8x16.shr_u (local.get $vb) (i32.const 7)))
            (local.set $t0 (v128.and (v128.or (i8x16.swizzle (local.get $v0) (v128.const i8x16 4 3 2 -128 9 8 7 -128 14 13 12 -128 -128 -128 -128 -128)) (i8x16.swizzle (local.get $v1) (v128.const i8x16 -128 -128 -128 -128 -128 -128 -128 -128 -128 -128 -128 -128 3 2 1 -128))) (v128.const i32x4 0x7fffff 0x7fffff 0x7fffff 0x7fffff)))
            (local.set $t1 (v128.and (v128.or (i8x16.swizzle (local.get $v1) (v128.const i8x16 8 7 6 -128 13 12 11 -128 -128 -128 -128 -128 -128 -128 -128 -128)) (i8x16.swizzle (local.get $v2) (v128.const i8x16 -128 -128 -128 -128 -128 -128 -128 -128 2 1 0 -128 7 6 5 -128))) (v128.const i32x4 0x7fffff 0x7fffff 0x7fffff 0x7fffff)))
            (local.set $t2 (v128.and (v128.or (i8x16.swizzle (local.get $v2) (v128.const i8x16 12 11 10 -128 -128 -128 15 -128 -128 -128 -128 -128 -128 -128 -128 -128)) (i8x16.swizzle (local.get $v3) (v128.const i8x16 -128 -128 -128 -128 1 0 -128 -128 6 5 4 -128 11 10 9 -128))) (v128.const i32x4 0x7fffff 0x7fffff 0x7fffff 0x7fffff)))
            (local.set $t3 (v128.and (v128.or (i8x16.swizzle (local.get $v3) (v128.const i8x16 -128 15 14 -128 -128 -128 -128 -128 -128 -128 -128 -128 -128 -128 -128 -128)) (i8x16.swizzle (local.get $v4) (v128.const i8x16 0 -128 -128 -128 5 4 3 -128 10 9 8 -128 15 14 13 -128))) (v128.const i32x4 0x7fffff 0x7fffff 0x7fffff 0x7fffff)))
            (local.set $vbase (f64x2.splat (local.get $base)))
            (local.set $tc (i32.add (local.get $col) (i32.shl (local.get $k) (i32.const 3))))
            (v128.store (local.get $tc) (f64x2.add (local.get $vbase) (f64x2.convert_low_i32x4_s (local.get $t0))))
            (v128.store offset=16 (local.get $tc) (f64x2.add (local.get $vbase) (f64x2.convert_low_i32x4_s (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $t0) (local.get $t0)))))
            (v128.store offset=32 (local.get $tc) (f64x2.add (local.get $vbase) (f64x2.convert_low_i32x4_s (local.get $t1))))
            (v128.store offset=48 (local.get $tc) (f64x2.add (local.get $vbase) (f64x2.convert_low_i32x4_s (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $t1) (local.get $t1)))))
            (v128.store offset=64 (local.get $tc) (f64x2.add (local.get $vbase) (f64x2.convert_low_i32x4_s (local.get $t2))))
            (v128.store offset=80 (local.get $tc) (f64x2.add (local.get $vbase) (f64x2.convert_low_i32x4_s (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $t2) (local.get $t2)))))
            (v128.store offset=96 (local.get $tc) (f64x2.add (local.get $vbase) (f64x2.convert_low_i32x4_s (local.get $t3))))
            (v128.store offset=112 (local.get $tc) (f64x2.add (local.get $vbase) (f64x2.convert_low_i32x4_s (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $t3) (local.get $t3)))))
            (local.set $k (i32.add (local.get $k) (i32.const 16)))))
        (local.set $src (i32.add (local.get $src) (i32.const 80)))
        (br $group)))
    (call $nbinScalar (local.get $src) (local.get $end) (local.get $w) (local.get $h) (local.get $col)
      (local.get $xs) (local.get $ys) (local.get $ps) (local.get $k) (local.get $base) (local.get $ovf))
    (drop)
    (local.set $ovf) (local.set $k)
    (local.get $k) (local.get $ovf))

  ;; Splits n 8-byte AEDAT 2.0 records at src (int32 address, int32 timestamp, both big-endian)
  ;; into columns at col (8-aligned): t f64[n], then x u16[n], y u16[n], p u8[n], with jAER's
  ;; bit layouts (as ../../../aedat2/Aedat2Decoder.ts). davis = 0, DVS128: the address's low 16
  ;; bits only; bit 15 marks an external event, x = bits 1-7, y = bits 8-14, p = bit 0.
  ;; davis = 1: bit 31 marks an IMU sample (bits 10 and 11 set too) or else an APS sample; bit 10
  ;; an external event; x = bits 12-21, y = bits 22-30, p = bit 11. Keeps the events with x < w
  ;; and y < h, t = the timestamp unsigned. Returns (kept, imu, aps, external, outside), or -1
  ;; first when the regions do not fit in memory.
  (func (export "aedat2") (param $src i32) (param $n i32) (param $davis i32) (param $w i32) (param $h i32) (param $col i32)
    (result i32 i32 i32 i32 i32)
    (local $end i32) (local $k i32) (local $a i32) (local $x i32) (local $y i32) (local $p i32) (local $in i32)
    (local $xs i32) (local $ys i32) (local $ps i32) (local $mem i32)
    (local $imu i32) (local $aps i32) (local $ext i32) (local $out i32)
    (local.set $mem (i32.shl (memory.size) (i32.const 16)))
    (if (i32.or
          (i32.or (i32.gt_u (local.get $n) (i32.const 0x7ffffff)) (i32.gt_u (local.get $src) (local.get $mem)))
          (i32.or (i32.gt_u (local.get $col) (local.get $mem))
            (i32.or (i32.gt_u (i32.shl (local.get $n) (i32.const 3)) (i32.sub (local.get $mem) (local.get $src)))
              (i32.gt_u (i32.mul (local.get $n) (i32.const 13)) (i32.sub (local.get $mem) (local.get $col))))))
      (then (return (i32.const -1) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0))))
    (local.set $end (i32.add (local.get $src) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $xs (i32.add (local.get $col) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $ys (i32.add (local.get $xs) (i32.shl (local.get $n) (i32.const 1))))
    (local.set $ps (i32.add (local.get $ys) (i32.shl (local.get $n) (i32.const 1))))
    (block $done
      (loop $rec
        (br_if $done (i32.ge_u (local.get $src) (local.get $end)))
        (block $next
          (local.set $a (i32.or
            (i32.or (i32.shl (i32.load8_u (local.get $src)) (i32.const 24)) (i32.shl (i32.load8_u offset=1 (local.get $src)) (i32.const 16)))
            (i32.or (i32.shl (i32.load8_u offset=2 (local.get $src)) (i32.const 8)) (i32.load8_u offset=3 (local.get $src)))))
          (if (local.get $davis)
            (then
              (if (i32.lt_s (local.get $a) (i32.const 0))
                (then
                  (if (i32.eq (i32.and (local.get $a) (i32.const 0x80000c00)) (i32.const 0x80000c00))
                    (then (local.set $imu (i32.add (local.get $imu) (i32.const 1))))
                    (else (local.set $aps (i32.add (local.get $aps) (i32.const 1)))))
                  (br $next)))
              (if (i32.and (local.get $a) (i32.const 0x400))
                (then (local.set $ext (i32.add (local.get $ext) (i32.const 1))) (br $next)))
              (local.set $x (i32.and (i32.shr_u (local.get $a) (i32.const 12)) (i32.const 0x3ff)))
              (local.set $y (i32.and (i32.shr_u (local.get $a) (i32.const 22)) (i32.const 0x1ff)))
              (local.set $p (i32.and (i32.shr_u (local.get $a) (i32.const 11)) (i32.const 1))))
            (else
              (if (i32.and (local.get $a) (i32.const 0x8000))
                (then (local.set $ext (i32.add (local.get $ext) (i32.const 1))) (br $next)))
              (local.set $x (i32.and (i32.shr_u (local.get $a) (i32.const 1)) (i32.const 0x7f)))
              (local.set $y (i32.and (i32.shr_u (local.get $a) (i32.const 8)) (i32.const 0x7f)))
              (local.set $p (i32.and (local.get $a) (i32.const 1)))))
          ;; written at k whether kept or not (slot k is free); k advances only when kept
          (f64.store (i32.add (local.get $col) (i32.shl (local.get $k) (i32.const 3)))
            (f64.convert_i32_u (i32.or
              (i32.or (i32.shl (i32.load8_u offset=4 (local.get $src)) (i32.const 24)) (i32.shl (i32.load8_u offset=5 (local.get $src)) (i32.const 16)))
              (i32.or (i32.shl (i32.load8_u offset=6 (local.get $src)) (i32.const 8)) (i32.load8_u offset=7 (local.get $src))))))
          (i32.store16 (i32.add (local.get $xs) (i32.shl (local.get $k) (i32.const 1))) (local.get $x))
          (i32.store16 (i32.add (local.get $ys) (i32.shl (local.get $k) (i32.const 1))) (local.get $y))
          (i32.store8 (i32.add (local.get $ps) (local.get $k)) (local.get $p))
          (local.set $in (i32.and (i32.lt_u (local.get $x) (local.get $w)) (i32.lt_u (local.get $y) (local.get $h))))
          (local.set $k (i32.add (local.get $k) (local.get $in)))
          (local.set $out (i32.add (local.get $out) (i32.xor (local.get $in) (i32.const 1)))))
        (local.set $src (i32.add (local.get $src) (i32.const 8)))
        (br $rec)))
    (local.get $k) (local.get $imu) (local.get $aps) (local.get $ext) (local.get $out))

  ;; Splits n 8-byte DAT CD records at src (uint32 t, uint32 w, little-endian; x = w bits 0-13,
  ;; y = bits 14-27, p = bit 28) into columns at col (8-aligned): t f64[n], then x u16[n],
  ;; y u16[n], p u8[n], keeping the events with x < w and y < h. Times are unwrapped as
  ;; ../../../prophesee/DatBody.ts does: a raw time more than 2^31 below the previous one (last)
  ;; adds 2^32 us to wrap, and t = wrap + raw. Returns (kept, last, wrap), or -1 first when the
  ;; regions do not fit in memory.
  (func (export "dat") (param $src i32) (param $n i32) (param $w i32) (param $h i32) (param $col i32) (param $last i32) (param $wrap f64)
    (result i32 i32 f64)
    (local $end i32) (local $k i32) (local $raw i32) (local $word i32) (local $x i32) (local $y i32)
    (local $xs i32) (local $ys i32) (local $ps i32) (local $mem i32)
    (local.set $mem (i32.shl (memory.size) (i32.const 16)))
    (if (i32.or
          (i32.or (i32.gt_u (local.get $n) (i32.const 0x7ffffff)) (i32.gt_u (local.get $src) (local.get $mem)))
          (i32.or (i32.gt_u (local.get $col) (local.get $mem))
            (i32.or (i32.gt_u (i32.shl (local.get $n) (i32.const 3)) (i32.sub (local.get $mem) (local.get $src)))
              (i32.gt_u (i32.mul (local.get $n) (i32.const 13)) (i32.sub (local.get $mem) (local.get $col))))))
      (then (return (i32.const -1) (local.get $last) (local.get $wrap))))
    (local.set $end (i32.add (local.get $src) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $xs (i32.add (local.get $col) (i32.shl (local.get $n) (i32.const 3))))
    (local.set $ys (i32.add (local.get $xs) (i32.shl (local.get $n) (i32.const 1))))
    (local.set $ps (i32.add (local.get $ys) (i32.shl (local.get $n) (i32.const 1))))
    (block $done
      (loop $rec
        (br_if $done (i32.ge_u (local.get $src) (local.get $end)))
        (local.set $raw (i32.load (local.get $src)))
        (local.set $word (i32.load offset=4 (local.get $src)))
        ;; raw + 2^31 < last, in 64 bits (both unsigned)
        (if (i64.lt_u (i64.add (i64.extend_i32_u (local.get $raw)) (i64.const 0x80000000)) (i64.extend_i32_u (local.get $last)))
          (then (local.set $wrap (f64.add (local.get $wrap) (f64.const 4294967296)))))
        (local.set $last (local.get $raw))
        (local.set $x (i32.and (local.get $word) (i32.const 0x3fff)))
        (local.set $y (i32.and (i32.shr_u (local.get $word) (i32.const 14)) (i32.const 0x3fff)))
        ;; written at k whether kept or not (slot k is free); k advances only when kept
        (f64.store (i32.add (local.get $col) (i32.shl (local.get $k) (i32.const 3)))
          (f64.add (local.get $wrap) (f64.convert_i32_u (local.get $raw))))
        (i32.store16 (i32.add (local.get $xs) (i32.shl (local.get $k) (i32.const 1))) (local.get $x))
        (i32.store16 (i32.add (local.get $ys) (i32.shl (local.get $k) (i32.const 1))) (local.get $y))
        (i32.store8 (i32.add (local.get $ps) (local.get $k)) (i32.and (i32.shr_u (local.get $word) (i32.const 28)) (i32.const 1)))
        (local.set $k (i32.add (local.get $k)
          (i32.and (i32.lt_u (local.get $x) (local.get $w)) (i32.lt_u (local.get $y) (local.get $h)))))
        (local.set $src (i32.add (local.get $src) (i32.const 8)))
        (br $rec)))
    (local.get $k) (local.get $last) (local.get $wrap))
)
