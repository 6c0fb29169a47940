import { headerAuth, type SecretSource } from '../../http/auth.js';
import { HttpClient, type HttpClientOptions } from '../../http/client.js';
import type {
  ConsentAction,
  ConsentDocument,
  ConsentRequirement,
  ConsentType,
  JoinTicket,
  OutstandingConsent,
  PlayerSession,
  SignOutcome,
} from '../../model/consent.js';
import type { CallOptions, ConsentsPort, IdentRequest } from '../../model/ports.js';
import { decodeInterruptible, decodeNodecraftError, decodePlayerCallError } from './errors.js';
import { toDocument, toIdentConsents, toPlayerSession, toSignBody } from './mapping.js';
import { envelope, NodecraftConsents, NodecraftIdent, NodecraftQueueToken, NodecraftServer } from './wire.js';

export interface NodecraftBackendOptions extends Omit<HttpClientOptions, 'auth' | 'decodeError' | 'name'> {
  /** Usually `https://api.nodecraft.studio/v1/`. */
  baseUrl: string;
  /** The game access token, for Ident and the game's own documents. */
  gameToken: SecretSource;
  /** A player token from an earlier Ident; a successful `identify` replaces it. */
  playerToken?: SecretSource;
  /**
   * The token header. Nodecraft's plugin and API reference use `x-nodecraft-token`; its
   * prose docs say `x-nodecraft-auth` (wire.md C.1).
   */
  tokenHeader?: string;
}

/** The consents port over Nodecraft: Ident, Server Join, their documents and signing. */
export class NodecraftBackend implements ConsentsPort {
  readonly vendor = 'nodecraft';
  private readonly http: HttpClient;
  private readonly gameAuth;
  private readonly playerAuth;
  /** Held in memory only: set by a successful Ident. */
  private playerToken: string | undefined;

  constructor(options: NodecraftBackendOptions) {
    const header = options.tokenHeader ?? 'x-nodecraft-token';
    this.http = new HttpClient({ ...options, name: 'Nodecraft', decodeError: decodeNodecraftError });
    this.gameAuth = headerAuth(header, options.gameToken);
    this.playerAuth = headerAuth(header, () => this.playerToken ?? options.playerToken?.());
  }

  async identify(request: IdentRequest, accepted: readonly ConsentDocument[] = [], options?: CallOptions): Promise<PlayerSession> {
    // The original body is re-sent verbatim, plus what the player accepted (wire.md C.3).
    const body = accepted.length ? { ...request, consents: toIdentConsents(accepted) } : request;
    const data = await this.http.json({
      ...options,
      method: 'POST',
      path: 'ident/token',
      body,
      auth: this.gameAuth,
      schema: envelope(NodecraftIdent),
      decodeError: decodeInterruptible({ kind: 'ident', identType: request.type }, decodeNodecraftError),
    });
    this.playerToken = data.data.token;
    return toPlayerSession(data.data);
  }

  async joinServer(serverId: string, options?: CallOptions & { password?: string }): Promise<JoinTicket> {
    const { password, ...call } = options ?? {};
    const data = await this.http.json({
      ...call,
      method: 'POST',
      path: `server/${encodeURIComponent(serverId)}/join`,
      body: password === undefined ? {} : { password },
      auth: this.playerAuth,
      schema: envelope(NodecraftQueueToken),
      decodeError: decodeInterruptible({ kind: 'join', serverId }, decodePlayerCallError),
    });
    const token = data.data;
    return { queueToken: typeof token === 'string' ? token : 'token' in token ? token.token : token.queue_token };
  }

  async getDocument(requirement: ConsentRequirement, options?: CallOptions): Promise<ConsentDocument> {
    const type = documentType(requirement);
    const { action } = requirement;
    if (action.kind === 'ident') {
      // Before sign-in there is no player: the game's token reads the game's documents.
      const query = type === 'legal' && action.identType ? { ident_type: action.identType } : undefined;
      const data = await this.http.json({ ...options, path: `consents/game/${type}`, query, auth: this.gameAuth, schema: envelope(NodecraftConsents) });
      return toDocument(type, data.data);
    }
    if (requirement.scope === 'server' && type === 'rules') {
      const data = await this.playerGet(`server/${encodeURIComponent(action.serverId)}`, envelope(NodecraftServer), options);
      return toDocument('rules', data.data.rules);
    }
    const data = await this.playerGet(`consents/player/${type}`, envelope(NodecraftConsents), options);
    return toDocument(type, data.data);
  }

  /**
   * For Server Join, every layer's status is readable (wire.md C.2): game legal, game rules,
   * then the server's rules, the order the join asks in. Ident has no player yet, so no status.
   */
  async outstanding(action: ConsentAction, options?: CallOptions): Promise<readonly OutstandingConsent[]> {
    if (action.kind !== 'join') return [];
    const layers = [
      { scope: 'game', type: 'legal' },
      { scope: 'game', type: 'rules' },
      { scope: 'server', type: 'rules' },
    ] as const;
    const documents = await Promise.all(layers.map(({ scope, type }) => this.getDocument({ scope, type, state: 'missing', action }, options)));
    return layers.flatMap(({ scope, type }, index) => {
      const doc = documents[index];
      if (!doc || doc.status === 'signed' || doc.pages.length === 0) return [];
      return [{ requirement: { scope, type, state: doc.status === 'outdated' ? 'outdated' : 'missing', action }, document: doc }];
    });
  }

  async sign(requirement: ConsentRequirement, accepted: ConsentDocument, options?: CallOptions): Promise<SignOutcome> {
    if (requirement.action.kind === 'ident') return { signed: 'with-action' };
    const data = await this.http.json({
      ...options,
      method: 'POST',
      path: `consents/player/${accepted.type}`,
      body: toSignBody(accepted),
      auth: this.playerAuth,
      schema: envelope(NodecraftConsents),
      decodeError: decodePlayerCallError,
    });
    return { signed: 'now', document: toDocument(accepted.type, data.data) };
  }

  private playerGet<T>(path: string, schema: import('zod/mini').ZodMiniType<T>, options?: CallOptions): Promise<T> {
    return this.http.json({ ...options, path, auth: this.playerAuth, schema, decodeError: decodePlayerCallError });
  }
}

/** The body may not say which type; Nodecraft's own plugin then fetches legal first. */
function documentType(requirement: ConsentRequirement): ConsentType {
  return requirement.type ?? (requirement.scope === 'server' ? 'rules' : 'legal');
}
