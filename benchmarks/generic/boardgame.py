"""Board-game search: tic-tac-toe on a 4x4 board with alpha-beta, a Board class holding a list
of cells and a move history, Move objects, a transposition table keyed by tuples."""

WIN_LINES = []
for r in range(4):
    WIN_LINES.append(tuple(r * 4 + c for c in range(4)))
    WIN_LINES.append(tuple(c * 4 + r for c in range(4)))
WIN_LINES.append((0, 5, 10, 15))
WIN_LINES.append((3, 6, 9, 12))


class Move:
    def __init__(self, square, player):
        self.square = square
        self.player = player

    def __repr__(self):
        return "Move(%d, %d)" % (self.square, self.player)


class Board:
    def __init__(self):
        self.cells = [0] * 16
        self.history = []
        self.to_move = 1

    def moves(self):
        return [Move(i, self.to_move) for i in range(16) if self.cells[i] == 0]

    def play(self, move):
        self.cells[move.square] = move.player
        self.history.append(move)
        self.to_move = -self.to_move

    def undo(self):
        move = self.history.pop()
        self.cells[move.square] = 0
        self.to_move = -self.to_move

    def winner(self):
        cells = self.cells
        for line in WIN_LINES:
            s = cells[line[0]] + cells[line[1]] + cells[line[2]] + cells[line[3]]
            if s == 4:
                return 1
            if s == -4:
                return -1
        return 0

    def score(self):
        total = 0
        cells = self.cells
        for line in WIN_LINES:
            mine = theirs = 0
            for sq in line:
                v = cells[sq]
                if v == 1:
                    mine += 1
                elif v == -1:
                    theirs += 1
            if theirs == 0:
                total += mine * mine
            if mine == 0:
                total -= theirs * theirs
        return total

    def key(self):
        return tuple(self.cells)


class Searcher:
    def __init__(self):
        self.table = {}
        self.nodes = 0

    def search(self, board, depth, alpha, beta):
        self.nodes += 1
        w = board.winner()
        if w != 0:
            return w * 1000 * board.to_move
        if depth == 0 or len(board.history) == 16:
            return board.score() * board.to_move
        k = (board.key(), depth)
        hit = self.table.get(k)
        if hit is not None:
            return hit
        best = -100000
        for m in board.moves():
            board.play(m)
            v = -self.search(board, depth - 1, -beta, -alpha)
            board.undo()
            if v > best:
                best = v
            if best > alpha:
                alpha = best
            if alpha >= beta:
                break
        self.table[k] = best
        return best


def play_game(depth, opening):
    board = Board()
    for sq in opening:
        board.play(Move(sq, board.to_move))
    searcher = Searcher()
    result = []
    while board.winner() == 0 and len(board.history) < 16:
        best_move, best_v = None, -10 ** 9
        for m in board.moves():
            board.play(m)
            v = -searcher.search(board, depth, -10 ** 9, 10 ** 9)
            board.undo()
            if v > best_v:
                best_v, best_move = v, m
        board.play(best_move)
        result.append(best_move.square)
    return sum((i + 1) * s for i, s in enumerate(result)) + searcher.nodes


def bench(n):
    total = 0
    for g in range(n):
        total += play_game(2, ((g * 7) % 16, (g * 11 + 3) % 16) if (g * 7) % 16 != (g * 11 + 3) % 16 else (g % 16,))
    return total


SIZES = {"quick": 3, "full": 10}
