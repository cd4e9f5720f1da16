import { totalmem } from 'node:os';
import { ConfigError } from '../../errors.js';
import type { BackendName } from '../backend/selectBackend.js';
import type { MemoryNeed } from './estimateMemory.js';

/**
 * What one wasm heap can be planned to hold. The heap is a 32-bit WebAssembly memory (4 GiB per
 * thread); here csnn-nmnist inference at T = 18,000 (estimate 2.5 GiB) ran and T = 20,000
 * (2.7 GiB) crashed inside tfjs-wasm: allocator fragmentation (up to +19% over the live tensors)
 * and emscripten's 20% over-growth take the rest.
 */
export const WASM_HEAP_LIMIT_MB = 2560;
/** Share of the machine's memory a run may plan to use by default. */
const DEFAULT_SHARE = 0.5;
const MB = 2 ** 20;

/**
 * The default memory budget in MiB: half the machine's memory (`os.totalmem()`), and on wasm at
 * most what a wasm heap can hold ({@link WASM_HEAP_LIMIT_MB}).
 * @example defaultMemoryBudgetMb('wasm') // 2560 on a 24 GiB machine
 */
export function defaultMemoryBudgetMb(backend: BackendName, machineBytes = totalmem()): number {
  const share = Math.floor((machineBytes * DEFAULT_SHARE) / MB);
  return backend === 'wasm' ? Math.min(share, WASM_HEAP_LIMIT_MB) : share;
}

const mb = (bytes: number): string => `${Math.ceil(bytes / MB)} MiB`;

/** Options of {@link checkMemoryBudget}. */
export interface BudgetCheck {
  /** Budget in MiB (e.g. from `--memory-mb`). */
  readonly budgetMb: number;
  readonly backend: BackendName;
  /** What the need is for, as the user named it: `"csnn-nmnist, batch 32 × T 8, training"`. */
  readonly what: string;
}

/**
 * Refuses a run whose estimated memory exceeds the budget, or (wasm) whose largest heap exceeds
 * what a wasm heap can hold, before anything is allocated.
 * @throws ConfigError naming the sizes, the estimate by part and the budget.
 * @example checkMemoryBudget(estimateMemory(spec, use), { budgetMb: 4096, backend: 'wasm', what: 'csnn-nmnist, batch 32 × T 8' });
 */
export function checkMemoryBudget(need: MemoryNeed, o: BudgetCheck): void {
  if (!(o.budgetMb > 0)) throw new ConfigError(`memory budget must be > 0 MiB, got ${o.budgetMb}`);
  const parts = `activations ${mb(need.activationBytes)}, parameters ${mb(need.parameterBytes)} (${need.parameters.toLocaleString('en-US')}), `
    + `gradients and optimiser ${mb(need.optimizerBytes)}, input ${mb(need.inputBytes)}`;
  if (need.totalBytes > o.budgetMb * MB) {
    throw new ConfigError(`${o.what} needs about ${mb(need.totalBytes)} (${parts}), more than the memory budget of ${o.budgetMb} MiB `
      + '(--memory-mb): use fewer time steps or a smaller batch');
  }
  if (o.backend === 'wasm' && need.heapBytes > WASM_HEAP_LIMIT_MB * MB) {
    throw new ConfigError(`${o.what} needs a wasm heap of about ${mb(need.heapBytes)} (${parts}), over the `
      + `${WASM_HEAP_LIMIT_MB} MiB a wasm heap can hold (4 GiB address space): use fewer time steps or a smaller batch`);
  }
}
