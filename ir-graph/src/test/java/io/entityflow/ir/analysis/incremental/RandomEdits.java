package io.entityflow.ir.analysis.incremental;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Edits a person might make: delete or copy a line, rename an identifier, type or delete a character. */
final class RandomEdits {
    private static final String TYPED = "abcxyz;{}()=.\" \nAItemUser";

    private RandomEdits() {
    }

    static String lineEdit(String text, Map<String, String> program, Random random) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        if (lines.isEmpty()) {
            return "class X {}\n";
        }
        int at = random.nextInt(lines.size());
        switch (random.nextInt(3)) {
            case 0 -> lines.remove(at);
            case 1 -> {
                List<String> others = program.values().stream().toList();
                List<String> from = others.get(random.nextInt(others.size())).lines().toList();
                lines.add(at, from.get(random.nextInt(from.size())));
            }
            default -> {
                String[] words = lines.get(at).split("\\W+");
                String word = words.length == 0 ? "" : words[random.nextInt(words.length)];
                if (!word.isEmpty()) {
                    lines.set(at, lines.get(at).replace(word, word + "2"));
                }
            }
        }
        return String.join("\n", lines) + "\n";
    }

    static String charEdit(String text, Random random) {
        int at = text.isEmpty() ? 0 : random.nextInt(text.length());
        if (random.nextBoolean() && !text.isEmpty()) {
            return text.substring(0, at) + text.substring(at + 1);
        }
        return text.substring(0, at) + TYPED.charAt(random.nextInt(TYPED.length())) + text.substring(at);
    }
}
