"""A small ray tracer written the ordinary way: Vector/Ray/Sphere/Plane classes with instance
dicts, methods returning new vectors, a scene walked per pixel with shadows and one reflection.
Nothing is annotated: `spyc build --all` compiles it to generic code."""
import math

EPSILON = 0.00001


class Vector:
    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def dot(self, other):
        return self.x * other.x + self.y * other.y + self.z * other.z

    def magnitude(self):
        return math.sqrt(self.dot(self))

    def add(self, other):
        return Vector(self.x + other.x, self.y + other.y, self.z + other.z)

    def sub(self, other):
        return Vector(self.x - other.x, self.y - other.y, self.z - other.z)

    def scale(self, f):
        return Vector(self.x * f, self.y * f, self.z * f)

    def normalized(self):
        return self.scale(1.0 / self.magnitude())

    def reflect(self, normal):
        return self.sub(normal.scale(2 * self.dot(normal)))


class Ray:
    def __init__(self, point, vector):
        self.point = point
        self.vector = vector.normalized()

    def point_at(self, t):
        return self.point.add(self.vector.scale(t))


class Sphere:
    def __init__(self, centre, radius, colour, shine):
        self.centre = centre
        self.radius = radius
        self.colour = colour
        self.shine = shine

    def intersect(self, ray):
        cp = self.centre.sub(ray.point)
        v = cp.dot(ray.vector)
        disc = self.radius * self.radius - (cp.dot(cp) - v * v)
        if disc < 0:
            return None
        return v - math.sqrt(disc)

    def normal_at(self, p):
        return p.sub(self.centre).normalized()


class Plane:
    def __init__(self, point, normal, colour, shine):
        self.point = point
        self.normal = normal.normalized()
        self.colour = colour
        self.shine = shine

    def intersect(self, ray):
        d = ray.vector.dot(self.normal)
        if abs(d) < EPSILON:
            return None
        t = self.point.sub(ray.point).dot(self.normal) / d
        return t if t > EPSILON else None

    def normal_at(self, p):
        return self.normal


class Scene:
    def __init__(self):
        self.objects = []
        self.lights = []

    def add(self, obj):
        self.objects.append(obj)

    def nearest(self, ray):
        best, hit = None, None
        for obj in self.objects:
            t = obj.intersect(ray)
            if t is not None and t > EPSILON and (best is None or t < best):
                best, hit = t, obj
        return best, hit

    def shade(self, ray, depth):
        t, obj = self.nearest(ray)
        if obj is None:
            return Vector(0.1, 0.1, 0.15)
        p = ray.point_at(t)
        n = obj.normal_at(p)
        colour = obj.colour.scale(0.1)
        for light in self.lights:
            to_light = light.sub(p)
            shadow_t, _ = self.nearest(Ray(p, to_light))
            if shadow_t is not None and shadow_t < to_light.magnitude():
                continue
            lam = n.dot(to_light.normalized())
            if lam > 0:
                colour = colour.add(obj.colour.scale(lam * 0.8))
        if depth > 0 and obj.shine > 0:
            r = Ray(p, ray.vector.reflect(n))
            colour = colour.add(self.shade(r, depth - 1).scale(obj.shine))
        return colour


def render(size):
    scene = Scene()
    scene.add(Sphere(Vector(0, 1, -0.25), 0.3, Vector(1.0, 0.2, 0.2), 0.2))
    scene.add(Sphere(Vector(-1, 1.2, 0.5), 0.4, Vector(0.2, 1.0, 0.2), 0.5))
    scene.add(Sphere(Vector(1, 0.9, 0.3), 0.35, Vector(0.2, 0.2, 1.0), 0.0))
    scene.add(Plane(Vector(0, 0, 0), Vector(0, 1, 0), Vector(0.6, 0.6, 0.6), 0.3))
    scene.lights.append(Vector(30, 30, 10))
    scene.lights.append(Vector(-10, 100, 30))
    eye = Vector(0, 1.8, 10)
    total = 0.0
    for y in range(size):
        for x in range(size):
            target = Vector((x - size / 2) / size * 2, 1.8 - (y - size / 2) / size * 2, 0)
            c = scene.shade(Ray(eye, target.sub(eye)), 2)
            total += c.x * 0.299 + c.y * 0.587 + c.z * 0.114
    return total


def bench(n):
    return round(render(n), 6)


SIZES = {"quick": 60, "full": 150}
