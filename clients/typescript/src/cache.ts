import type { GoxelDaemonClient } from './client.js';
import type {
  AddVoxelBatchParams, AddVoxelParams, BatchResult, BoundingBoxParams, BoundingBoxResult, CreateLayerParams,
  DeleteLayerParams, LayerList, LayerResult, ProjectInfo, SuccessResult, VoxelInfo, VoxelQueryParams, VoxelResult,
} from './types.js';
import { positionKey } from './voxels.js';

interface CacheEntry {
  data: unknown;
  timestamp: number;
  ttl: number;
}

/** The guide's ResponseCache: values with a time to live (5 s by default), invalidated by key substring. */
export class ResponseCache {
  static readonly DEFAULT_TTL = 5000;
  private readonly cache = new Map<string, CacheEntry>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Entries held, including expired ones not yet looked at. */
  get size(): number {
    return this.cache.size;
  }

  /** The value, or null when absent or expired (an expired entry is dropped). */
  get<T>(key: string): T | null {
    const entry = this.cache.get(key);
    if (!entry) return null;
    if (this.now() - entry.timestamp > entry.ttl) {
      this.cache.delete(key);
      return null;
    }
    return entry.data as T;
  }

  set<T>(key: string, data: T, ttl = ResponseCache.DEFAULT_TTL): void {
    this.cache.set(key, { data, timestamp: this.now(), ttl });
  }

  /** Drops one key. */
  delete(key: string): void {
    this.cache.delete(key);
  }

  /** Drops every key containing `pattern`. */
  invalidate(pattern: string): void {
    for (const key of this.cache.keys()) if (key.includes(pattern)) this.cache.delete(key);
  }

  clear(): void {
    this.cache.clear();
  }
}

/**
 * The guide's CachedGoxelClient: reads are served from a ResponseCache (project info for 10 s,
 * the rest for the cache's default TTL); every write through this wrapper drops the entries it
 * can change. Writes made by other clients are not seen until the TTL runs out.
 */
export class CachedGoxelClient {
  readonly cache: ResponseCache;

  constructor(readonly client: GoxelDaemonClient, cache?: ResponseCache) {
    this.cache = cache ?? new ResponseCache();
  }

  /** getProjectInfo, cached 10 s per project. */
  getProjectInfoCached(projectId?: string): Promise<ProjectInfo> {
    return this.cached(`project_info_${projectId ?? 'current'}`, 10000, () => this.client.getProjectInfo(projectId));
  }

  /** listLayers, cached. */
  listLayersCached(projectId?: string): Promise<LayerList> {
    return this.cached(`layer_list_${projectId ?? 'current'}`, ResponseCache.DEFAULT_TTL, () => this.client.listLayers(projectId));
  }

  /** getVoxel, cached per position, layer and project. */
  getVoxelCached(params: VoxelQueryParams): Promise<VoxelInfo> {
    return this.cached(voxelKey(params), ResponseCache.DEFAULT_TTL, () => this.client.getVoxel(params));
  }

  /** getBoundingBox, cached. */
  getBoundingBoxCached(params: BoundingBoxParams = {}): Promise<BoundingBoxResult> {
    const key = `bounding_box_${params.project_id ?? 'current'}_${params.layer_id ?? -1}`;
    return this.cached(key, ResponseCache.DEFAULT_TTL, () => this.client.getBoundingBox(params));
  }

  /** addVoxel, then drops project info, layer lists, bounding boxes and that position's voxel. */
  async addVoxelWithCacheInvalidation(params: AddVoxelParams): Promise<VoxelResult> {
    const result = await this.client.addVoxel(params);
    this.invalidateSummaries();
    this.cache.invalidate(`voxel:${positionKey(params.position)}@`);
    return result;
  }

  /** removeVoxel with the same invalidation as addVoxelWithCacheInvalidation. */
  async removeVoxel(params: VoxelQueryParams): Promise<VoxelResult> {
    const result = await this.client.removeVoxel(params);
    this.invalidateSummaries();
    this.cache.invalidate(`voxel:${positionKey(params.position)}@`);
    return result;
  }

  /** addVoxelBatch, then drops every cached voxel and summary. */
  async addVoxelBatch(params: AddVoxelBatchParams): Promise<BatchResult> {
    const result = await this.client.addVoxelBatch(params);
    this.invalidateSummaries();
    this.cache.invalidate('voxel:');
    return result;
  }

  /** createLayer, then drops layer lists and project info. */
  async createLayer(params: CreateLayerParams = {}): Promise<LayerResult> {
    const result = await this.client.createLayer(params);
    this.invalidateSummaries();
    return result;
  }

  /** deleteLayer, then drops everything a layer's voxels feed. */
  async deleteLayer(params: DeleteLayerParams): Promise<SuccessResult> {
    const result = await this.client.deleteLayer(params);
    this.invalidateSummaries();
    this.cache.invalidate('voxel:');
    return result;
  }

  private invalidateSummaries(): void {
    this.cache.invalidate('project_info');
    this.cache.invalidate('layer_list');
    this.cache.invalidate('bounding_box');
  }

  private async cached<T>(key: string, ttl: number, fetch: () => Promise<T>): Promise<T> {
    const hit = this.cache.get<T>(key);
    if (hit !== null) return hit;
    const value = await fetch();
    this.cache.set(key, value, ttl);
    return value;
  }
}

// The position comes first and ends with '@' so one invalidation pattern hits every layer and
// project at that position and nothing else (plain "voxel_1,2,3" would also match 1,2,34).
function voxelKey(params: VoxelQueryParams): string {
  return `voxel:${positionKey(params.position)}@${params.project_id ?? 'current'}/${params.layer_id ?? 'active'}`;
}
