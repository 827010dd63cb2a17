namespace Archives.Workflow.Server.Components.Designer.Properties;

internal static class ListMoves
{
    /// <summary>Moves an item by some places; a move out of range does nothing.</summary>
    public static void Move<T>(List<T> list, int index, int by)
    {
        var to = index + by;
        if (index < 0 || index >= list.Count || to < 0 || to >= list.Count)
        {
            return;
        }

        var item = list[index];
        list.RemoveAt(index);
        list.Insert(to, item);
    }
}
