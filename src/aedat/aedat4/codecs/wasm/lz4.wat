;; Hand-written kernels of the event decoders (compiled by scripts/buildWasm.ts into
;; lz4Wasm.generated.ts; `npm run build:wasm`): AEDAT 4.0's LZ4 blocks and event structs, and
;; the 5-byte records of N-MNIST / N-Caltech101 `.bin` files. The JS code in ../lz4Block.ts
;; (decodeBlock), ../../packets.ts (extractEventsJs) and ../../../nmnist/NmnistDecoder.ts is the
;; reference and the fallback; test/aedat/Lz4Wasm.test.ts, Aedat4Wasm.test.ts and
;; NmnistWasm.test.ts check that both agree.
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

  ;; Splits n 5-byte N-MNIST records at src (x u8, y u8, p bit 7 + t bits 22..16, t bits 15..0
  ;; big-endian) into columns at col (8-aligned): t f64[n], then x u16[n], y u16[n], p u8[n].
  ;; A record with y = 240 is a timestamp overflow: 8192 us are added to base for it and every
  ;; later record, and it is not an event. Keeps the events with x < w and y < h. Returns the
  ;; events kept and the overflow records met, or (-1, 0) when the regions do not fit in memory.
  (func (export "nbin") (param $src i32) (param $n i32) (param $w i32) (param $h i32) (param $col i32) (param $base f64) (result i32 i32)
    (local $end i32) (local $k i32) (local $x i32) (local $y i32) (local $b2 i32) (local $xs i32) (local $ys i32) (local $ps i32) (local $mem i32) (local $ovf i32)
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
            ;; written at k whether kept or not (slot k is free); k advances only when kept
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
    (local.get $k) (local.get $ovf))
)
