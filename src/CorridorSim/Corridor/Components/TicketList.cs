using System.Collections;

namespace CorridorSim.Corridor;

/// <summary>
/// Items in the order they were added, each removed by the ticket <see cref="Add"/> gave it in constant time (a
/// <see cref="List{T}"/>'s removal shifts every later item, which made a saturated leg's queue quadratic). A ring of
/// slots: a removal clears its slot, and cleared slots leave from the front; enumeration skips them. Not to be
/// changed while enumerated.
/// </summary>
internal sealed class TicketList<T> : IEnumerable<T>
{
    private T[] _items = new T[16];
    private bool[] _present = new bool[16];
    private int _head;     // slot of the oldest ticket still in the ring
    private int _span;     // slots from the head to the newest, present or cleared
    private long _headTicket;

    /// <summary>Items present.</summary>
    public int Count { get; private set; }

    /// <summary>The oldest item present.</summary>
    /// <exception cref="InvalidOperationException">The list is empty.</exception>
    public T First => Count > 0 ? _items[_head] : throw new InvalidOperationException("The list is empty.");

    /// <summary>Adds <paramref name="item"/> after every other; returns its ticket.</summary>
    public long Add(T item)
    {
        if (_span == _items.Length)
        {
            Grow();
        }

        int slot = (_head + _span) & (_items.Length - 1);
        _items[slot] = item;
        _present[slot] = true;
        _span++;
        Count++;
        return _headTicket + _span - 1;
    }

    /// <summary>Removes the item of <paramref name="ticket"/>, which must be present.</summary>
    /// <exception cref="InvalidOperationException">The ticket's item is not present.</exception>
    public void Remove(long ticket)
    {
        long offset = ticket - _headTicket;
        int slot = (int)((_head + offset) & (_items.Length - 1));
        if (offset < 0 || offset >= _span || !_present[slot])
        {
            throw new InvalidOperationException($"Ticket {ticket} is not in the list.");
        }

        _present[slot] = false;
        _items[slot] = default!;
        Count--;
        while (_span > 0 && !_present[_head])
        {
            _head = (_head + 1) & (_items.Length - 1);
            _span--;
            _headTicket++;
        }
    }

    /// <summary>The items present, oldest first.</summary>
    public Enumerator GetEnumerator() => new(this);

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private void Grow()
    {
        var items = new T[_items.Length * 2];
        var present = new bool[_items.Length * 2];
        for (int i = 0; i < _span; i++)
        {
            int slot = (_head + i) & (_items.Length - 1);
            items[i] = _items[slot];
            present[i] = _present[slot];
        }

        (_items, _present, _head) = (items, present, 0);
    }

    /// <summary>Walks the present items, oldest first.</summary>
    public struct Enumerator : IEnumerator<T>
    {
        private readonly TicketList<T> _list;
        private int _offset;

        internal Enumerator(TicketList<T> list)
        {
            _list = list;
            _offset = -1;
        }

        /// <inheritdoc/>
        public readonly T Current => _list._items[(_list._head + _offset) & (_list._items.Length - 1)];

        readonly object? IEnumerator.Current => Current;

        /// <inheritdoc/>
        public bool MoveNext()
        {
            while (++_offset < _list._span)
            {
                if (_list._present[(_list._head + _offset) & (_list._items.Length - 1)])
                {
                    return true;
                }
            }

            return false;
        }

        /// <inheritdoc/>
        public void Reset() => _offset = -1;

        /// <inheritdoc/>
        public readonly void Dispose()
        {
        }
    }
}
