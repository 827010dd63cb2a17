using Archives.Workflow.Server.Components.Designer;
using Archives.Workflow.TestSupport;

namespace Archives.Workflow.Server.Tests.Designer;

/// <summary>
/// Where a task added from the palette lands when the canvas is panned and zoomed: on a free spot the user can see,
/// or, when the visible part has no room, on the nearest free spot outside it (the page then pans to it).
/// </summary>
public sealed class FreeSpotTests
{
    private static readonly string Receipt = File.ReadAllText(RepositoryRoot.Combine("workflows", "unemployed-file-receipt", "v1.json"));

    private static List<(double X, double Y)> Drawn(DesignerDocument document, string except) =>
        [.. document.ActivityIds.Where(id => id != except).Select(document.PositionOf).OfType<(double X, double Y)>()];

    private static bool CoversNothing(DesignerDocument document, string id)
    {
        var (x, y) = document.PositionOf(id)!.Value;
        return Drawn(document, id).TrueForAll(o => Math.Abs(o.X - x) >= DesignerDocument.NodeWidth || Math.Abs(o.Y - y) >= DesignerDocument.NodeHeight);
    }

    [Test]
    public void A_task_dropped_on_an_activity_lands_on_a_free_spot_in_sight_even_when_a_nearer_one_is_out_of_sight()
    {
        var anywhere = new DesignerDocument(Receipt);
        var inSight = new DesignerDocument(Receipt);
        // The view shows the start and the first checks, its top edge just above them; the nearest free spot is above that edge.
        var view = new CanvasArea(-0.5, -20.25, 1000, 400);

        var unbounded = anywhere.Add("UserTask", 240.3, 0.7);
        var bounded = inSight.Add("UserTask", 240.3, 0.7, view);

        var (ux, uy) = anywhere.PositionOf(unbounded)!.Value;
        Assert.That(view.Holds(ux, uy), Is.False, "without the view the nearest free spot is out of sight");
        var (x, y) = inSight.PositionOf(bounded)!.Value;
        Assert.That(view.Holds(x, y), Is.True, $"({x}, {y}) lies wholly in the view");
        Assert.That(CoversNothing(inSight, bounded), Is.True);
    }

    [Test]
    public void A_task_dropped_at_the_right_edge_of_the_view_moves_left_just_enough_to_be_seen_whole()
    {
        var document = new DesignerDocument(Receipt);
        var view = new CanvasArea(0, 300, 800, 400);

        var id = document.Add("UserTask", 700, 350, view);

        Assert.That(document.PositionOf(id), Is.EqualTo((590d, 350d)));
    }

    [Test]
    public void A_task_dropped_on_empty_canvas_in_sight_lands_exactly_there()
    {
        var document = new DesignerDocument(Receipt);
        var view = new CanvasArea(-1000, 300, 3000, 900);

        var id = document.Add("UserTask", 100.04, 412.3, view);

        Assert.That(document.PositionOf(id), Is.EqualTo((100d, 412.3)));
    }

    [Test]
    public void When_the_view_has_no_room_the_task_lands_on_the_nearest_free_spot_outside_it_and_still_covers_nothing()
    {
        var document = new DesignerDocument(Receipt);
        // Zoomed in on four activities that fill the view.
        var view = new CanvasArea(230, -5, 500, 270);

        var id = document.Add("UserTask", 240, 0, view);

        var (x, y) = document.PositionOf(id)!.Value;
        Assert.That(view.Holds(x, y), Is.False);
        Assert.That(CoversNothing(document, id), Is.True);
        Assert.That(Math.Sqrt(Math.Pow(x - 240, 2) + Math.Pow(y, 2)), Is.LessThan(300), "it stays near where it was dropped, for the canvas to pan to");
    }
}
