namespace Goxel.Protocol;

/// <summary>An error reply's code and message.</summary>
public readonly record struct RpcError(int Code, string Message);
