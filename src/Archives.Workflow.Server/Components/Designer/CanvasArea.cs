namespace Archives.Workflow.Server.Components.Designer;

/// <summary>A rectangle of the canvas in the diagram's own coordinates, such as the part the user sees once panned and zoomed.</summary>
public sealed record CanvasArea(double Left, double Top, double Width, double Height)
{
    public double Right => Left + Width;

    public double Bottom => Top + Height;

    /// <summary>Whether a node placed with its top left corner at (<paramref name="x"/>, <paramref name="y"/>) lies wholly inside.</summary>
    public bool Holds(double x, double y) =>
        x >= Left && y >= Top && x + DesignerDocument.NodeWidth <= Right && y + DesignerDocument.NodeHeight <= Bottom;
}
