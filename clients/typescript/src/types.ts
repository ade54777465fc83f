/** Wire types: parameters as the seed guide spells them, results as the daemon sends them. */

/** A position as `[x, y, z]` or `{x, y, z}` (integers; Z is up). */
export type Position = readonly [number, number, number] | { x: number; y: number; z: number };

/** RGBA as `[r, g, b, a?]` (0-255), `{r, g, b, a?}` or `"#RRGGBB"` / `"#RRGGBBAA"`; alpha defaults to 255. */
export type Color = readonly [number, number, number, number?] | readonly number[] | { r: number; g: number; b: number; a?: number } | string;

/** An RGBA colour as the daemon reports it. */
export type Rgba = [number, number, number, number];

/** One voxel to write. */
export interface VoxelData {
  position: Position;
  color: Color;
}

/** Parameters every project-scoped method accepts; without it the daemon's current project is used. */
export interface ProjectScoped {
  project_id?: string;
}

export interface CreateProjectParams {
  name?: string;
  width?: number;
  height?: number;
  depth?: number;
  /** The guide's `[width, height, depth]`; explicit width/height/depth win. */
  size?: readonly [number, number, number];
  /** Accepted for the guide's sake; the daemon has no templates, so it is not sent. */
  template?: string;
}

export interface CreateProjectResult {
  success: boolean;
  name: string;
  width: number;
  height: number;
  depth: number;
  project_id: string;
}

export interface FileParams extends ProjectScoped {
  /** The guide's name for the path. */
  file_path?: string;
  /** The wire's name for the path. */
  path?: string;
  format?: string;
}

export interface FileResult {
  success: boolean;
  path: string;
  project_id?: string;
  format?: string;
}

export interface BoundingBox {
  min: [number, number, number];
  /** Inclusive. */
  max: [number, number, number];
  dimensions?: [number, number, number];
}

export interface ProjectInfo {
  project_id: string;
  name: string;
  layer_count: number;
  voxel_count: number;
  bounding_box: BoundingBox | null;
  memory_bytes: number;
  undo_bytes?: number;
  active_layer_id: number;
  width: number;
  height: number;
  depth: number;
  undo_steps?: number;
  redo_steps?: number;
}

export interface ProjectStatus {
  version: string;
  layer_count: number;
  read_only: boolean;
  width: number;
  height: number;
  depth: number;
  project_id: string | null;
  name?: string;
}

export interface ProjectSummary {
  project_id: string;
  name: string;
  current: boolean;
}

export interface AddVoxelParams extends ProjectScoped {
  position: Position;
  color?: Color;
  layer_id?: number;
}

export interface VoxelResult {
  success: boolean;
  x: number;
  y: number;
  z: number;
  layer_id?: number;
  color?: Rgba;
}

export interface VoxelQueryParams extends ProjectScoped {
  position: Position;
  layer_id?: number;
}

export interface VoxelInfo {
  x: number;
  y: number;
  z: number;
  exists: boolean;
  color: Rgba;
}

export interface AddVoxelBatchParams extends ProjectScoped {
  voxels: readonly VoxelData[];
  layer_id?: number;
}

export interface BatchResult {
  success: boolean;
  count: number;
}

export interface BoundingBoxParams extends ProjectScoped {
  /** -1 active layer (default), -2 all layers, or a layer id. */
  layer_id?: number;
  exact?: boolean;
}

export type BoundingBoxResult =
  | { empty: true }
  | { empty: false; min: [number, number, number]; max: [number, number, number]; dimensions: [number, number, number] };

export interface CreateLayerParams extends ProjectScoped {
  name?: string;
  color?: Color;
  visible?: boolean;
}

export interface LayerResult {
  success: boolean;
  layer_id: number;
  name: string;
  visible: boolean;
}

export interface LayerInfo {
  id: number;
  name: string;
  visible: boolean;
  voxel_count: number;
  active: boolean;
}

export interface LayerList {
  count: number;
  layers: LayerInfo[];
}

export interface DeleteLayerParams extends ProjectScoped {
  layer_id?: number;
  layer_name?: string;
}

/** A camera: an explicit pose or a preset name (front, back, left, right, top, bottom, isometric). */
export type Camera =
  | { position: readonly [number, number, number]; target: readonly [number, number, number]; up?: readonly [number, number, number]; fov?: number }
  | string;

export interface RenderImageParams extends ProjectScoped {
  width: number;
  height: number;
  camera?: Camera;
  format?: 'png';
}

export interface RenderResult {
  /** Base64 of the encoded image. */
  image_data: string;
  format: string;
  width: number;
  height: number;
  render_time_ms: number;
}

export interface Region {
  min: readonly [number, number, number];
  max: readonly [number, number, number];
}

export interface ColorHistogramParams extends ProjectScoped {
  layer_id?: number;
  region?: Region;
  bin_size?: number;
  sort_by_count?: boolean;
  top_n?: number;
}

export interface ColorHistogram {
  histogram: { color: string; rgba: Rgba; count: number; percentage: number }[];
  total_voxels: number;
  unique_colors: number;
  metadata: { binned: boolean; bin_size?: number };
}

export interface FindVoxelsByColorParams extends ProjectScoped {
  color: readonly number[];
  tolerance?: number | readonly number[];
  layer_id?: number;
  region?: Region;
  max_results?: number;
  include_locations?: boolean;
}

export interface FoundVoxels {
  target_color: string;
  match_count: number;
  truncated: boolean;
  locations?: { x: number; y: number; z: number; layer_id: number }[];
  metadata: { tolerance: number[] };
}

export interface UniqueColorsParams extends ProjectScoped {
  layer_id?: number;
  region?: Region;
  merge_similar?: boolean;
  merge_threshold?: number;
  sort_by_count?: boolean;
}

export interface UniqueColors {
  colors: { hex: string; rgba: Rgba }[];
  count: number;
  metadata: { layer_id: number; sorted_by_count: boolean };
}

export interface VoxelsRegionParams extends ProjectScoped {
  min: readonly [number, number, number];
  max: readonly [number, number, number];
  layer_id?: number;
  color_filter?: readonly number[];
  offset?: number;
  limit?: number;
}

export interface VoxelsRegion {
  voxels: { x: number; y: number; z: number; color: Rgba; layer_id?: number }[];
  count: number;
  truncated: boolean;
  bbox?: BoundingBox;
}

/** A voxel read with `"encoding": "packed"` as it comes off the wire (decodeVoxels turns it into a VoxelsRegion). */
export interface PackedVoxels {
  encoding: 'packed';
  /** `"br"` (Brotli, past daemon.compression_threshold with daemon.enable_compression) or `"none"`. */
  compression: 'br' | 'none';
  /** Base64 of little-endian int32 x,y,z triples. */
  positions: string;
  /** Base64 of RGBA bytes. */
  colors: string;
  /** Base64 of little-endian int32 layer ids (when reading every layer). */
  layer_ids?: string;
  count: number;
  truncated: boolean;
  bbox?: BoundingBox;
}

/** `goxel.export_model` with `data: true`: the file in the answer. */
export interface ExportedModel {
  success: boolean;
  format: string;
  name: string;
  bytes: number;
  compression: 'br' | 'none';
  data: string;
  files: { name: string; bytes: number; data: string }[];
}

export interface VersionInfo {
  version: string;
  type: string;
  protocol: string;
}

export interface DaemonStatus {
  status: string;
  pid: number;
  current_time: string;
  hostname?: string;
  goxel_initialized: boolean;
  methods_available: number;
  memory_allocated: number;
  uptime_seconds: number;
  rss_bytes?: number;
  project_count?: number;
  /** The daemon's performance.voxel_batch_size: a good BatchOptimizer batchSize, and the unit of batch progress. */
  voxel_batch_size?: number;
}

export interface PingResult {
  pong: boolean;
  timestamp: number;
}

export interface MethodList {
  count: number;
  methods: { method: string; description: string }[];
}

/** One method's figures in {@link DaemonPerformanceMetrics}: latency from a histogram (percentiles within 19%). */
export interface MethodLatency {
  count: number;
  errors: number;
  mean_ms: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  max_ms: number;
}

/** Connections over one transport (or all together). */
export interface ConnectionCounts {
  current: number;
  total: number;
  rejected: number;
}

/** Result of `goxel.get_performance_metrics`: what the daemon has counted since it started. */
export interface DaemonPerformanceMetrics {
  uptime_seconds: number;
  /** `by_event_loop`: connections each event loop serves now, in loop order (empty without loops). */
  connections: ConnectionCounts & { by_transport: Record<'unix' | 'tcp' | 'tls', ConnectionCounts>; by_event_loop: number[] };
  requests: { total: number; errors: number; methods: Record<string, MethodLatency> };
  voxels: { written_total: number; written_per_second: number; rate_window_seconds: number };
  memory: {
    rss_bytes: number;
    gc_heap_bytes: number;
    project_bytes: number;
    undo_bytes: number;
    cache_bytes: number;
    voxels: number;
    bytes_per_voxel: number;
    projects_counted: number;
    projects_busy: number;
    blocks: Record<'uniform' | 'sparse' | 'palette' | 'dense', { count: number; bytes: number }>;
    caches: Record<string, number>;
  };
  /** Garbage collections since start (a gen1 collection counts in gen0 too) and the time they stopped the daemon. */
  gc: {
    gen0: number;
    gen1: number;
    gen2: number;
    pause_total_ms: number;
    pause_time_percent: number;
    last_pause_ms: { ephemeral: number; full_blocking: number; background: number };
  };
  renders: { count: number; total_ms: number; p50_ms: number; max_ms: number };
  /** Null when the daemon runs without storage. */
  journal: { bytes_written: number; fsyncs: number; last_fsync: string | null; fsync_policy: string } | null;
}

/** Result of undo/redo and other edits that only report success. */
export interface SuccessResult {
  success: boolean;
  [key: string]: unknown;
}

export interface PaintParams extends ProjectScoped {
  position: Position;
  color: Color;
  layer_id?: number;
  /** Recolour every voxel in this inclusive box instead of one (paint_voxels only). */
  region?: Region;
}

export interface ProceduralShapeParams extends ProjectScoped {
  /** cube, sphere or cylinder. */
  shape: string;
  /** Edge length, or one per axis. */
  size?: number | readonly [number, number, number];
  /** Sphere/cylinder radius (size 2r). */
  radius?: number;
  center?: readonly [number, number, number];
  color?: Color;
  layer_id?: number;
}

export interface BatchOperation {
  type: 'add_voxel' | 'remove_voxel' | 'paint_voxel';
  position: Position;
  color?: Color;
  layer_id?: number;
}

export interface ScriptParams extends ProjectScoped {
  /** JavaScript source (sent as `script`). */
  script?: string;
  /** A script file on the daemon's machine. */
  path?: string;
  name?: string;
  timeout_ms?: number;
}

export interface ScriptResult {
  success: boolean;
  code: number;
  message: string;
  /** The script's last value. */
  result?: unknown;
  output?: string[];
}

export interface LayerVoxelsParams extends ProjectScoped {
  layer_id?: number;
  color_filter?: readonly number[];
  offset?: number;
  limit?: number;
}

export interface RenderSceneParams extends ProjectScoped {
  output_path?: string;
  width?: number;
  height?: number;
  camera_preset?: string;
  options?: { return_mode?: 'file_path'; background_color?: readonly number[] };
}

export interface FormatInfo {
  name: string;
  description: string;
  extensions: string[];
  read: boolean;
  write: boolean;
}
