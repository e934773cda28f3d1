/**
 * What each retirement of `<iso-retirement-feed>` retired: its projects and kind of climate action,
 * from its credit batches (`GET /retirements/{id}/credit_batches`) and their projects, looked up only
 * for the entries a reader can see (IntersectionObserver), through the page-wide shared cache, so a
 * project that several entries (or other elements) share is fetched once.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { apiText } from '../../data/format.js';
import { isRegistryId } from '../../data/ids.js';
import { projectQuery, retirementBatchesQuery, type Query } from '../../data/queries.js';
import type { Project, Retirement } from '../../data/types.js';
import { climateAction, partsWording, retirementParts, type ClimateAction } from '../../shared/claims.js';

/** A project a retirement's credits come from. */
export interface AttributedProject {
  id: string;
  /** Its name, when the project could be loaded. */
  name: string | undefined;
}

/** What a retirement retired, as far as its records say. */
export interface Attribution {
  /** Its projects, in the order of its batches. */
  projects: AttributedProject[];
  /**
   * The one kind of climate action of all its credits, or `mixed`; undefined when any part could not
   * be attributed (a lookup failed, or the batches do not add up to the retirement): then the feed
   * names no kind, and its words stay "retired".
   */
  action: ClimateAction | 'mixed' | undefined;
  /** The kinds a mixed retirement combines, in catalog order. */
  kinds: ClimateAction[];
}

/** Lookups in flight at once: a long list scrolled quickly does not flood the proxy. */
const CONCURRENCY = 4;

/** Entries just outside the visible area are looked up too, so their line is ready when scrolled to. */
const ROOT_MARGIN = '200px 0px';

export interface AttributionOptions {
  /** A query through the shared cache (the element's RegistryController `cached`). */
  lookup: <T>(query: Query<T>, signal: AbortSignal) => Promise<T>;
  /** The loaded retirement with this id, if the feed still holds it. */
  find: (id: string) => Retirement | undefined;
  /** The rendered entries to watch: each carries `data-retirement-id`. */
  entries: () => Iterable<Element>;
}

/**
 * Looks up what retirements retired as their entries come into view. `get(id)` is the result,
 * `'pending'` while loading, undefined before the entry was seen. A lookup that fails settles with no
 * kind (never a wrong one); one aborted by the host's removal is tried again when it comes back.
 */
export class AttributionController implements ReactiveController {
  private readonly results = new Map<string, Attribution | 'pending'>();
  private readonly queue: Retirement[] = [];
  private running = 0;
  private abort = new AbortController();
  private observer: IntersectionObserver | undefined;
  /** The retirement each watched entry showed when it was watched: Lit reuses an entry's element for another retirement when the list changes. */
  private watched = new WeakMap<Element, string>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: AttributionOptions,
  ) {
    host.addController(this);
  }

  get(id: string): Attribution | 'pending' | undefined {
    return this.results.get(id);
  }

  hostConnected(): void {
    if (this.abort.signal.aborted) this.abort = new AbortController();
  }

  hostUpdated(): void {
    if (typeof IntersectionObserver === 'undefined') return;
    this.observer ??= new IntersectionObserver((records) => this.onIntersect(records), { rootMargin: ROOT_MARGIN });
    for (const entry of this.options.entries()) {
      const id = (entry as HTMLElement).dataset.retirementId;
      if (!id || this.results.has(id) || this.watched.get(entry) === id) continue;
      this.watched.set(entry, id);
      this.observer.observe(entry);
    }
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    this.watched = new WeakMap();
    this.abort.abort();
    this.queue.length = 0;
    // Unfinished lookups start again when the element is back; an element re-rendered watches anew.
    for (const [id, result] of this.results) if (result === 'pending') this.results.delete(id);
  }

  private onIntersect(records: IntersectionObserverEntry[]): void {
    for (const record of records) {
      if (!record.isIntersecting) continue;
      const element = record.target as HTMLElement;
      this.observer?.unobserve(element);
      const id = element.dataset.retirementId;
      const retirement = id ? this.options.find(id) : undefined;
      if (!retirement || this.results.has(retirement.id)) continue;
      this.results.set(retirement.id, 'pending');
      this.queue.push(retirement);
    }
    this.pump();
  }

  private pump(): void {
    while (this.running < CONCURRENCY && this.queue.length > 0) {
      const retirement = this.queue.shift()!;
      this.running += 1;
      void this.attribute(retirement).finally(() => {
        this.running -= 1;
        this.pump();
      });
    }
  }

  private async attribute(retirement: Retirement): Promise<void> {
    const signal = this.abort.signal;
    const { lookup } = this.options;
    let result: Attribution = { projects: [], action: undefined, kinds: [] };
    try {
      if (isRegistryId('retirement', retirement.id)) {
        const list = await lookup(retirementBatchesQuery(retirement.id), signal);
        const batches = Array.isArray(list.nodes) ? list.nodes.filter((batch) => typeof batch === 'object' && batch !== null) : [];
        const ids = [...new Set(batches.map((batch) => batch.project_id).filter((id): id is string => typeof id === 'string' && isRegistryId('project', id)))];
        const projects = new Map<string, Project | undefined>(
          await Promise.all(ids.map(async (id) => [id, await lookup(projectQuery(id), signal).catch(() => (signal.aborted ? Promise.reject(signal.reason) : undefined))] as const)),
        );
        const actionOf = (id: string): ClimateAction | undefined => {
          const project = projects.get(id);
          return project ? climateAction(project.pathway, (project as { process_key?: unknown }).process_key) : undefined;
        };
        const parts = retirementParts(retirement, batches, actionOf);
        const attributed = parts.length > 0 && parts.every((part) => part.action !== undefined);
        const { action, kinds } = partsWording(parts);
        result = {
          projects: ids.map((id) => ({ id, name: apiText(projects.get(id)?.name) })),
          action: attributed ? action : undefined,
          kinds: attributed ? kinds : [],
        };
      }
    } catch {
      if (signal.aborted) return;
    }
    if (signal.aborted) return;
    this.results.set(retirement.id, result);
    this.host.requestUpdate();
  }
}
