// Types of the hotspot-users-console package: the <hotspot-users-console>
// element, its events and `mount`. Importing the package defines the element.

/** `detail` of `hotspot-users:applied`: a run finished and the server was re-read. */
export interface AppliedDetail {
  /** Users added (renames included: ADD overwrites). */
  added: number;
  /** Users deleted. */
  deleted: number;
  /** `X-Request-Id` of each PATCH, in order. */
  requestIds: string[];
  /** Users where the server differs from the intent; `null` when the re-read failed. */
  differences: number | null;
}

/** `detail` of `hotspot-users:error`: loading or applying stopped on an error. */
export interface ErrorDetail {
  /** HTTP status, when a response came. */
  status: number | null;
  /** `error_code` as sent. */
  code: string | null;
  /** The message the console shows. */
  message: string;
  /** `X-Request-Id`. */
  requestId: string | null;
}

/** `detail` of `hotspot-users:config-saved`: a configuration was created or its settings changed. */
export interface ConfigSavedDetail {
  configId: string;
  created: boolean;
  migrationEnabled: boolean;
  exitSessionNum: number;
}

/** Returns an IAM token (asked before each load or apply, and again after a 401). */
export type TokenProvider = () => string | Promise<string>;

/**
 * The console. Attributes: `api-base`, `project-id`, `config-id`, `region`,
 * `lang` (`en` | `zh-CN`), `remember`, `sign-in` (boolean attributes: present or not).
 */
export interface HotspotUsersConsoleElement extends HTMLElement {
  /** A fixed token; hides the console's token field. */
  token: string | undefined;
  /** An async token provider; hides the console's token field. */
  tokenProvider: TokenProvider | undefined;
  addEventListener<K extends keyof HotspotUsersConsoleEventMap>(
    type: K,
    listener: (this: HotspotUsersConsoleElement, ev: HotspotUsersConsoleEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

/** The events the console dispatches (bubbling, composed). */
export interface HotspotUsersConsoleEventMap extends HTMLElementEventMap {
  "hotspot-users:applied": CustomEvent<AppliedDetail>;
  "hotspot-users:error": CustomEvent<ErrorDetail>;
  "hotspot-users:token-required": CustomEvent<Record<string, never>>;
  "hotspot-users:config-saved": CustomEvent<ConfigSavedDetail>;
}

/** Options of `mount`. */
export interface MountOptions {
  apiBase?: string;
  projectId?: string;
  configId?: string;
  region?: string;
  lang?: "en" | "zh-CN";
  /** Keep the connection fields (never the token) in local storage. */
  remember?: boolean;
  /** Offer sign-in with an IAM user. */
  signIn?: boolean;
  token?: string;
  tokenProvider?: TokenProvider;
}

/** A mounted console. */
export interface MountHandle {
  /** Removes the console, its listeners and timers. */
  unmount(): void;
  /** Replaces the token given as `options.token`. */
  set_token(token: string): void;
}

/** Mounts a console into `element`'s shadow root. */
export function mount(element: Element, options?: MountOptions): MountHandle;

/** The names of the events the console dispatches. */
export function event_names(): string[];

declare global {
  interface HTMLElementTagNameMap {
    "hotspot-users-console": HotspotUsersConsoleElement;
  }
  interface HTMLElementEventMap {
    "hotspot-users:applied": CustomEvent<AppliedDetail>;
    "hotspot-users:error": CustomEvent<ErrorDetail>;
    "hotspot-users:token-required": CustomEvent<Record<string, never>>;
    "hotspot-users:config-saved": CustomEvent<ConfigSavedDetail>;
  }
}
