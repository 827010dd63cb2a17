using System.Text.Json.Nodes;

namespace Archives.Workflow.Server.Components.Designer.Properties;

/// <summary>
/// A property that is a list edited in order (names, fields, rules, variables, cases, times, a job's
/// input): add, remove, reorder. The first change to a value of a shape the editor could not show
/// starts the list afresh; an empty list that was absent stays absent, so opening the panel never
/// adds a property.
/// </summary>
/// <typeparam name="T">One item's model.</typeparam>
public abstract class ListModel<T> : PropertyModel
{
    protected ListModel(JsonNode? original)
        : base(original)
    {
    }

    /// <summary>The items, in order; changed only through <see cref="Change"/>.</summary>
    protected List<T> List { get; } = [];

    public void RemoveAt(int index) => Change(() => List.RemoveAt(index));

    /// <summary>Moves the item at <paramref name="index"/> by <paramref name="by"/> places (−1 up, +1 down); nothing moves past an end.</summary>
    public void Move(int index, int by) => Change(() => ListMoves.Move(List, index, by));

    protected void Change(Action change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (Unsupported)
        {
            List.Clear();
            Unsupported = false;
        }

        change();
    }

    protected sealed override JsonNode? WriteModel() => List.Count == 0 && Original is null ? null : WriteList();

    /// <summary>The items as JSON: an array of each item's JSON unless the property is written otherwise.</summary>
    protected virtual JsonNode WriteList() => new JsonArray([.. List.Select(WriteItem)]);

    protected abstract JsonNode? WriteItem(T item);
}
