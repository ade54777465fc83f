import { GoxelRpcError } from './errors.js';
import { JsonRpcClient, type CallOptions } from './json-rpc-client.js';
import type {
  AddVoxelBatchParams, AddVoxelParams, BatchResult, BoundingBoxParams, BoundingBoxResult, ColorHistogram,
  ColorHistogramParams, CreateLayerParams, CreateProjectParams, CreateProjectResult, DaemonStatus, DeleteLayerParams,
  FileParams, FileResult, FindVoxelsByColorParams, FoundVoxels, LayerList, LayerResult, MethodList, PingResult,
  DaemonPerformanceMetrics, ProjectInfo, ProjectStatus, ProjectSummary, RenderImageParams, RenderResult, SuccessResult, UniqueColors,
  UniqueColorsParams, VersionInfo, VoxelInfo, VoxelQueryParams, VoxelResult, VoxelsRegion, VoxelsRegionParams,
  BatchOperation, FormatInfo, LayerVoxelsParams, PaintParams, ProceduralShapeParams, RenderSceneParams, ScriptParams,
  ScriptResult, VoxelData, ExportedModel,
} from './types.js';
import { decodeVoxels, toRgba, toXyz, unpackBytes, type VoxelBuffer } from './voxels.js';

/**
 * The seed guide's GoxelDaemonClient: one typed method per daemon method, plus the generic
 * {@link JsonRpcClient.call}. Parameters use the guide's names; each method translates them to
 * the wire's (for example `file_path` is sent as `path`). docs/clients.md lists the exact call.
 */
export class GoxelDaemonClient extends JsonRpcClient {
  private useLegacyBatch = false;

  /** True once addVoxelBatch fell back to the original `add_voxels` because the daemon lacks goxel.add_voxel_batch. */
  get usesLegacyBatch(): boolean {
    return this.useLegacyBatch;
  }

  // Diagnostics: the original names, which every daemon version answers.

  /** `version` (alias goxel.get_version). */
  getVersion(options?: CallOptions): Promise<VersionInfo> {
    return this.call('version', undefined, options);
  }

  /** `ping` (alias goxel.ping). */
  ping(options?: CallOptions): Promise<PingResult> {
    return this.call('ping', undefined, options);
  }

  /** `status` (alias goxel.get_daemon_status): the daemon's process status. */
  getStatus(options?: CallOptions): Promise<DaemonStatus> {
    return this.call('status', undefined, options);
  }

  /** `list_methods`. */
  listMethods(options?: CallOptions): Promise<MethodList> {
    return this.call('list_methods', undefined, options);
  }

  /** `goxel.get_performance_metrics`: uptime, connections, request latency by method, voxels, memory, renders, journal. */
  getPerformanceMetrics(options?: CallOptions): Promise<DaemonPerformanceMetrics> {
    return this.call('goxel.get_performance_metrics', undefined, options);
  }

  /** `echo`: the params back. */
  echo<T>(params: T, options?: CallOptions): Promise<T> {
    return this.call('echo', params, options);
  }

  // Projects.

  /** `goxel.create_project {name, width, height, depth}`; `size` fills the dimensions, `template` is not sent. */
  createProject(params: CreateProjectParams = {}, options?: CallOptions): Promise<CreateProjectResult> {
    const [w, h, d] = params.size ?? [];
    return this.call('goxel.create_project', compact({
      name: params.name, width: params.width ?? w, height: params.height ?? h, depth: params.depth ?? d,
    }), options);
  }

  /** `goxel.load_project {path}`. */
  loadProject(params: FileParams, options?: CallOptions): Promise<FileResult> {
    return this.call('goxel.load_project', fileParams(params), options);
  }

  /** `goxel.save_project {path, format?, project_id?}`. */
  saveProject(params: FileParams, options?: CallOptions): Promise<FileResult> {
    return this.call('goxel.save_project', fileParams(params), options);
  }

  /** `goxel.export_model {path, format?, project_id?}`. */
  exportModel(params: FileParams, options?: CallOptions): Promise<FileResult> {
    return this.call('goxel.export_model', fileParams(params), options);
  }

  /** `goxel.get_project_info {project_id?}`. */
  getProjectInfo(projectId?: string, options?: CallOptions): Promise<ProjectInfo> {
    return this.call('goxel.get_project_info', compact({ project_id: projectId }), options);
  }

  /** `goxel.get_status {project_id?}`: the original's project summary. */
  getProjectStatus(projectId?: string, options?: CallOptions): Promise<ProjectStatus> {
    return this.call('goxel.get_status', compact({ project_id: projectId }), options);
  }

  /** `goxel.list_projects`. */
  async listProjects(options?: CallOptions): Promise<ProjectSummary[]> {
    const result = await this.call<{ projects: ProjectSummary[] }>('goxel.list_projects', {}, options);
    return result.projects;
  }

  /** `goxel.close_project {project_id}`. */
  closeProject(projectId: string, options?: CallOptions): Promise<SuccessResult> {
    return this.call('goxel.close_project', { project_id: projectId }, options);
  }

  // Voxels.

  /** `goxel.add_voxel {x, y, z, color:[r,g,b,a], layer_id?, project_id?}`. */
  addVoxel(params: AddVoxelParams, options?: CallOptions): Promise<VoxelResult> {
    const [x, y, z] = toXyz(params.position);
    return this.call('goxel.add_voxel', compact({
      x, y, z, color: params.color === undefined ? undefined : toRgba(params.color),
      layer_id: params.layer_id, project_id: params.project_id,
    }), options);
  }

  /** `goxel.remove_voxel {x, y, z, layer_id?, project_id?}`. */
  removeVoxel(params: VoxelQueryParams, options?: CallOptions): Promise<VoxelResult> {
    return this.call('goxel.remove_voxel', voxelQuery(params), options);
  }

  /** `goxel.get_voxel {x, y, z, layer_id?, project_id?}`. */
  getVoxel(params: VoxelQueryParams, options?: CallOptions): Promise<VoxelInfo> {
    return this.call('goxel.get_voxel', voxelQuery(params), options);
  }

  /**
   * `goxel.add_voxel_batch {voxels:[[x,y,z,r,g,b,a],...], layer_id?, project_id?}`: atomic.
   * A daemon without that method (-32601) gets the original `add_voxels {voxels:[{x,y,z,r,g,b,a}]}`
   * instead (active layer only, not atomic); the client remembers and goes straight there next time.
   */
  async addVoxelBatch(params: AddVoxelBatchParams, options?: CallOptions): Promise<BatchResult> {
    if (!this.useLegacyBatch) {
      const voxels = params.voxels.map((v) => [...toXyz(v.position), ...toRgba(v.color)]);
      try {
        return await this.call<BatchResult>('goxel.add_voxel_batch',
          compact({ voxels, layer_id: params.layer_id, project_id: params.project_id }), options);
      } catch (error) {
        if (!(error instanceof GoxelRpcError && error.code === -32601) || params.layer_id !== undefined) throw error;
        this.useLegacyBatch = true;
      }
    }
    const voxels = params.voxels.map(legacyVoxel);
    const result = await this.call<{ success: boolean; added: number }>('add_voxels',
      compact({ voxels, project_id: params.project_id }), options);
    return { success: result.success, count: result.added };
  }

  /** `goxel.add_voxel_batch {positions: base64 int32 LE, colors: base64 RGBA, layer_id?, project_id?}`. */
  addVoxelBuffer(buffer: VoxelBuffer, params: { layer_id?: number; project_id?: string } = {}, options?: CallOptions): Promise<BatchResult> {
    return this.call('goxel.add_voxel_batch', compact({ ...buffer.toPacked(), ...params }), options);
  }

  /** `goxel.get_bounding_box {layer_id?, exact?, project_id?}`. */
  getBoundingBox(params: BoundingBoxParams = {}, options?: CallOptions): Promise<BoundingBoxResult> {
    return this.call('goxel.get_bounding_box', compact({ ...params }), options);
  }

  /**
   * `goxel.get_voxels_region {min, max, layer_id?, color_filter?, offset?, limit?, project_id?}`,
   * asked for with `encoding: "packed"` and decoded (docs/protocol.md): the same result, fewer bytes.
   */
  async getVoxelsRegion(params: VoxelsRegionParams, options?: CallOptions): Promise<VoxelsRegion> {
    return decodeVoxels(await this.call('goxel.get_voxels_region', compact({ ...params, encoding: 'packed' }), options));
  }

  // Layers.

  /** `goxel.create_layer {name, visible?, r?, g?, b?, project_id?}`. */
  createLayer(params: CreateLayerParams = {}, options?: CallOptions): Promise<LayerResult> {
    const rgb = params.color === undefined ? undefined : toRgba(params.color);
    return this.call('goxel.create_layer', compact({
      name: params.name, visible: params.visible, r: rgb?.[0], g: rgb?.[1], b: rgb?.[2], project_id: params.project_id,
    }), options);
  }

  /** `goxel.list_layers {project_id?}`. */
  listLayers(projectId?: string, options?: CallOptions): Promise<LayerList> {
    return this.call('goxel.list_layers', compact({ project_id: projectId }), options);
  }

  /** `goxel.delete_layer {layer_id | layer_name, project_id?}`. */
  deleteLayer(params: DeleteLayerParams, options?: CallOptions): Promise<SuccessResult> {
    return this.call('goxel.delete_layer', compact({ ...params }), options);
  }

  /** `goxel.set_active_layer {layer_id, project_id?}`. */
  setActiveLayer(layerId: number, projectId?: string, options?: CallOptions): Promise<SuccessResult> {
    return this.call('goxel.set_active_layer', compact({ layer_id: layerId, project_id: projectId }), options);
  }

  /** `goxel.set_layer_visibility {layer_id, visible, project_id?}`. */
  setLayerVisibility(layerId: number, visible: boolean, projectId?: string, options?: CallOptions): Promise<SuccessResult> {
    return this.call('goxel.set_layer_visibility', compact({ layer_id: layerId, visible, project_id: projectId }), options);
  }

  /** `goxel.merge_layers {source_layer_id, target_layer_id, project_id?}`. */
  mergeLayers(sourceLayerId: number, targetLayerId: number, projectId?: string, options?: CallOptions): Promise<SuccessResult> {
    return this.call('goxel.merge_layers', compact({
      source_layer_id: sourceLayerId, target_layer_id: targetLayerId, project_id: projectId,
    }), options);
  }

  // History.

  /** `goxel.undo {project_id?}`. */
  undo(projectId?: string, options?: CallOptions): Promise<SuccessResult> {
    return this.call('goxel.undo', compact({ project_id: projectId }), options);
  }

  /** `goxel.redo {project_id?}`. */
  redo(projectId?: string, options?: CallOptions): Promise<SuccessResult> {
    return this.call('goxel.redo', compact({ project_id: projectId }), options);
  }

  // Rendering and analysis.

  /** `goxel.render_image {width, height, camera?, format?, project_id?}` -> base64 `image_data`. */
  renderImage(params: RenderImageParams, options?: CallOptions): Promise<RenderResult> {
    return this.call('goxel.render_image', compact({ ...params }), options);
  }

  /** `goxel.get_color_histogram {layer_id?, region?, bin_size?, sort_by_count?, top_n?, project_id?}`. */
  getColorHistogram(params: ColorHistogramParams = {}, options?: CallOptions): Promise<ColorHistogram> {
    return this.call('goxel.get_color_histogram', compact({ ...params }), options);
  }

  /** `goxel.find_voxels_by_color {color, tolerance?, layer_id?, region?, max_results?, include_locations?, project_id?}`. */
  findVoxelsByColor(params: FindVoxelsByColorParams, options?: CallOptions): Promise<FoundVoxels> {
    return this.call('goxel.find_voxels_by_color', compact({ ...params }), options);
  }

  /** `goxel.get_unique_colors {layer_id?, region?, merge_similar?, merge_threshold?, sort_by_count?, project_id?}`. */
  getUniqueColors(params: UniqueColorsParams = {}, options?: CallOptions): Promise<UniqueColors> {
    return this.call('goxel.get_unique_colors', compact({ ...params }), options);
  }

  // The rest of the original's methods.

  /** `add_voxels {voxels:[{x,y,z,r,g,b,a}], project_id?}`: the original batch (active layer, not atomic). */
  addVoxels(voxels: readonly VoxelData[], projectId?: string, options?: CallOptions): Promise<{ success: boolean; added: number; failed: number }> {
    return this.call('add_voxels', compact({ voxels: voxels.map(legacyVoxel), project_id: projectId }), options);
  }

  /** `goxel.paint_voxels {x, y, z, color:[r,g,b,a], layer_id?, region?, project_id?}`: recolours existing voxels. */
  paintVoxels(params: PaintParams, options?: CallOptions): Promise<SuccessResult & { painted: number }> {
    const [x, y, z] = toXyz(params.position);
    return this.call('goxel.paint_voxels', compact({
      x, y, z, color: toRgba(params.color), layer_id: params.layer_id, region: params.region, project_id: params.project_id,
    }), options);
  }

  /** `goxel.flood_fill {x, y, z, color:[r,g,b,a], layer_id?, project_id?}`. */
  floodFill(params: PaintParams, options?: CallOptions): Promise<SuccessResult & { voxels_filled: number }> {
    const [x, y, z] = toXyz(params.position);
    return this.call('goxel.flood_fill', compact({
      x, y, z, color: toRgba(params.color), layer_id: params.layer_id, project_id: params.project_id,
    }), options);
  }

  /** `goxel.procedural_shape {shape, size?, radius?, center?, color?:[r,g,b,a], layer_id?, project_id?}`. */
  proceduralShape(params: ProceduralShapeParams, options?: CallOptions): Promise<SuccessResult & { shape_type: string; voxels_created: number }> {
    return this.call('goxel.procedural_shape', compact({
      ...params, color: params.color === undefined ? undefined : toRgba(params.color),
    }), options);
  }

  /** `goxel.batch_operations {operations:[{type, x, y, z, color?:[r,g,b,a], layer_id?}], project_id?}`. */
  batchOperations(operations: readonly BatchOperation[], projectId?: string, options?: CallOptions): Promise<SuccessResult & {
    total_operations: number; successful_operations: number; failed_operations?: number;
  }> {
    const wire = operations.map((op) => {
      const [x, y, z] = toXyz(op.position);
      return compact({ type: op.type, x, y, z, color: op.color === undefined ? undefined : toRgba(op.color), layer_id: op.layer_id });
    });
    return this.call('goxel.batch_operations', compact({ operations: wire, project_id: projectId }), options);
  }

  /** `goxel.get_layer_voxels {layer_id?, color_filter?, offset?, limit?, project_id?}`, packed and decoded as {@link getVoxelsRegion}. */
  async getLayerVoxels(params: LayerVoxelsParams = {}, options?: CallOptions): Promise<VoxelsRegion> {
    return decodeVoxels(await this.call('goxel.get_layer_voxels', compact({ ...params, encoding: 'packed' }), options));
  }

  /**
   * `goxel.export_model {format, data: true, mesh?, obj_colors?, y_up?, project_id?}`: the file's
   * bytes (and its companions', such as an OBJ's .mtl) instead of a file on the daemon's disk.
   */
  async exportModelData(params: { format: string; mesh?: 'greedy' | 'cubes'; obj_colors?: 'materials' | 'vertex'; y_up?: boolean; project_id?: string },
    options?: CallOptions): Promise<{ name: string; bytes: Buffer; files: { name: string; bytes: Buffer }[] }> {
    const result: ExportedModel = await this.call('goxel.export_model', compact({ ...params, data: true }), options);
    return {
      name: result.name,
      bytes: unpackBytes(result.data, result.compression),
      files: result.files.map((f) => ({ name: f.name, bytes: unpackBytes(f.data, result.compression) })),
    };
  }

  /** `goxel.import_file {path, format?, project_id?}`: the file's layers added to the project. */
  importFile(params: FileParams, options?: CallOptions): Promise<SuccessResult & { layers: { id: number; name: string; voxel_count: number }[] }> {
    return this.call('goxel.import_file', fileParams(params), options);
  }

  /** `goxel.list_formats`. */
  async listFormats(options?: CallOptions): Promise<FormatInfo[]> {
    return (await this.call<{ formats: FormatInfo[] }>('goxel.list_formats', {}, options)).formats;
  }

  /** `goxel.execute_script {script | path, name?, timeout_ms?, project_id?}`. */
  executeScript(params: ScriptParams, options?: CallOptions): Promise<ScriptResult> {
    return this.call('goxel.execute_script', compact({ ...params }), options);
  }

  /** `goxel.render_scene {output_path?, width?, height?, camera_preset?, options?, project_id?}`: a PNG file. */
  renderScene(params: RenderSceneParams = {}, options?: CallOptions): Promise<SuccessResult> {
    return this.call('goxel.render_scene', compact({ ...params }), options);
  }

  /** `goxel.get_render_info {path}`. */
  getRenderInfo(path: string, options?: CallOptions): Promise<SuccessResult> {
    return this.call('goxel.get_render_info', { path }, options);
  }

  /** `goxel.cleanup_render {path}`. */
  cleanupRender(path: string, options?: CallOptions): Promise<SuccessResult> {
    return this.call('goxel.cleanup_render', { path }, options);
  }

  /** `goxel.list_renders`. */
  listRenders(options?: CallOptions): Promise<SuccessResult> {
    return this.call('goxel.list_renders', {}, options);
  }

  /** `goxel.get_render_stats`. */
  getRenderStats(options?: CallOptions): Promise<SuccessResult> {
    return this.call('goxel.get_render_stats', {}, options);
  }
}

function legacyVoxel(v: VoxelData): Record<string, number> {
  const [x, y, z] = toXyz(v.position);
  const [r, g, b, a] = toRgba(v.color);
  return { x, y, z, r, g, b, a };
}

/** The object without its undefined members, so absent parameters stay absent on the wire. */
function compact(params: Record<string, unknown>): Record<string, unknown> {
  for (const key of Object.keys(params)) if (params[key] === undefined) delete params[key];
  return params;
}

function fileParams(params: FileParams): Record<string, unknown> {
  const path = params.path ?? params.file_path;
  if (path === undefined) throw new TypeError('file_path (or path) is required');
  return compact({ path, format: params.format, project_id: params.project_id });
}

function voxelQuery(params: VoxelQueryParams): Record<string, unknown> {
  const [x, y, z] = toXyz(params.position);
  return compact({ x, y, z, layer_id: params.layer_id, project_id: params.project_id });
}
