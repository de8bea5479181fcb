package org.mcsan.bench;

import com.intel.analytics.bigdl.nn.abstractnn.AbstractModule;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the memory a trained model holds sits: a walk over everything reachable from its objects (BigDL modules,
 * tensors, tables, Scala and Java collections, the model's own classes) that adds up the arrays of numbers (float and
 * double: tensor storages, examples) it finds, each counted once however many tensors share it, by layer and by
 * buffer. Object headers and small metadata (a tensor's size and stride) are left out.
 *
 * <p>The layer of an array is the outermost module on its path that has a name (as McsanNetwork names its layers,
 * e.g. {@code audio.lstm.forward}, which also covers the per-time-step copies of its cell and the gates BigDL names
 * inside them), or the class of an unnamed module outside any named one ({@code SequenceMask}: every such mask
 * together). Its buffer is the field
 * through which the nearest module (or a root) holds it: {@code output}, {@code gradInput}, {@code fInput} (a
 * convolution's unfolded input), {@code cells} (a recurrent layer's per-step copies), ... A container's children are
 * walked before its own fields, so an array a child shares with its container counts for the child.
 */
final class HeldMemory {
    private static final String[] WALKED_PACKAGES = {"com.intel.analytics.bigdl.", "org.mcsan.", "scala."};

    private final Map<String, Long> byLayer = new HashMap<>();
    private final Map<String, Long> byBuffer = new HashMap<>();
    private final Map<String, Long> byLayerBuffer = new HashMap<>();
    private long total;

    private HeldMemory() {}

    /** A place on the walk: an object and the layer and buffer its arrays count for. */
    private static final class Step {
        final Object object;
        final String layer;
        final boolean insideNamedModule;
        final String buffer;
        /** The field through which the layer's module holds it, when that is not the nearest module. */
        final String via;

        Step(Object object, String layer, boolean insideNamedModule, String buffer, String via) {
            this.object = object;
            this.layer = layer;
            this.insideNamedModule = insideNamedModule;
            this.buffer = buffer;
            this.via = via;
        }
    }

    /** Walks from each root (label: what its arrays count for when no module holds them). */
    static HeldMemory of(Map<String, Object> roots) {
        HeldMemory memory = new HeldMemory();
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Step> todo = new ArrayDeque<>();
        List<Map.Entry<String, Object>> ordered = new ArrayList<>(roots.entrySet());
        Collections.reverse(ordered);
        for (Map.Entry<String, Object> root : ordered) {
            todo.push(new Step(root.getValue(), root.getKey(), false, null, null));
        }
        while (!todo.isEmpty()) {
            Step step = todo.pop();
            if (step.object == null || !seen.add(step.object)) {
                continue;
            }
            memory.visit(step, todo);
        }
        return memory;
    }

    private void visit(Step step, Deque<Step> todo) {
        Object o = step.object;
        Class<?> type = o.getClass();
        if (type.isArray()) {
            if (type == float[].class) {
                add(step, 4L * Array.getLength(o));
            } else if (type == double[].class) {
                add(step, 8L * Array.getLength(o));
            } else if (!type.getComponentType().isPrimitive()) {
                for (int i = Array.getLength(o) - 1; i >= 0; i--) {
                    todo.push(new Step(Array.get(o, i), step.layer, step.insideNamedModule, step.buffer, step.via));
                }
            }
            return;
        }
        if (o instanceof Collection) {
            pushAll(todo, new ArrayList<Object>((Collection<?>) o), step);
            return;
        }
        if (o instanceof Map) {
            List<Object> entries = new ArrayList<>(((Map<?, ?>) o).keySet());
            entries.addAll(((Map<?, ?>) o).values());
            pushAll(todo, entries, step);
            return;
        }
        if (!walked(type)) {
            return;
        }
        String layer = step.layer;
        boolean insideNamed = step.insideNamedModule;
        boolean holder = step.buffer == null;
        boolean layerModule = false;
        String via = step.via;
        List<Object> children = new ArrayList<>();
        if (o instanceof AbstractModule) {
            AbstractModule<?, ?, ?> module = (AbstractModule<?, ?, ?>) o;
            holder = true;
            if (!insideNamed) {
                layer = module.hasName() ? module.getName() : type.getSimpleName();
                insideNamed = module.hasName();
                layerModule = true;
            } else if (via == null) {
                via = step.buffer;
            }
            if (module instanceof com.intel.analytics.bigdl.nn.Container) {
                scala.collection.Iterator<?> it = ((com.intel.analytics.bigdl.nn.Container<?, ?, ?>) module)
                        .modules()
                        .iterator();
                while (it.hasNext()) children.add(it.next());
            }
        }
        // Own fields first on the stack, children on top: children are walked first.
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                    continue;
                }
                Object value = read(f, o);
                if (value != null) {
                    String buffer = holder ? fieldName(f) : step.buffer;
                    todo.push(new Step(value, layer, insideNamed, buffer, layerModule ? null : via));
                }
            }
        }
        for (int i = children.size() - 1; i >= 0; i--) {
            todo.push(new Step(children.get(i), layer, insideNamed, "modules", layerModule ? null : via));
        }
    }

    private static void pushAll(Deque<Step> todo, List<Object> items, Step from) {
        for (int i = items.size() - 1; i >= 0; i--) {
            todo.push(new Step(items.get(i), from.layer, from.insideNamedModule, from.buffer, from.via));
        }
    }

    private static boolean walked(Class<?> type) {
        String name = type.getName();
        for (String prefix : WALKED_PACKAGES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static Object read(Field f, Object o) {
        try {
            f.setAccessible(true);
            return f.get(o);
        } catch (ReflectiveOperationException | RuntimeException inaccessible) {
            return null;
        }
    }

    /** Scala mangles private fields of traits and outer classes ("com$intel$...$$output"): keep the last name. */
    private static String fieldName(Field f) {
        String name = f.getName();
        int dollar = name.lastIndexOf('$');
        return dollar >= 0 && dollar < name.length() - 1 ? name.substring(dollar + 1) : name;
    }

    private void add(Step step, long bytes) {
        String buffer = step.buffer == null ? step.layer : step.buffer;
        byLayer.merge(step.layer, bytes, Long::sum);
        byBuffer.merge(buffer, bytes, Long::sum);
        byLayerBuffer.merge(
                step.layer + ": " + (step.via == null || step.via.equals(buffer) ? "" : step.via + "/") + buffer,
                bytes,
                Long::sum);
        total += bytes;
    }

    /** Bytes of all arrays found. */
    long totalBytes() {
        return total;
    }

    /** Bytes by layer, largest first. */
    Map<String, Long> byLayer() {
        return sorted(byLayer);
    }

    /** Bytes by buffer (field name), largest first. */
    Map<String, Long> byBuffer() {
        return sorted(byBuffer);
    }

    /**
     * Bytes by layer and buffer ("audio.lstm.forward: cells/output": the outputs of modules inside the layer's
     * per-step cell copies), largest first.
     */
    Map<String, Long> byLayerAndBuffer() {
        return sorted(byLayerBuffer);
    }

    private static Map<String, Long> sorted(Map<String, Long> bytes) {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(bytes.entrySet());
        entries.sort((a, b) -> b.getValue() != a.getValue().longValue()
                ? Long.compare(b.getValue(), a.getValue())
                : a.getKey().compareTo(b.getKey()));
        Map<String, Long> out = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : entries) out.put(e.getKey(), e.getValue());
        return out;
    }
}
