package dev.lakehouse.jobs.olist.sample;

/**
 * Portuguese review titles and messages, by sentiment, written for this generator.
 *
 * <p>Messages are one or two phrases; a few are split over lines ({@code \r\n}, sometimes a lone
 * {@code \n}) and some quote a word, so the CSV writer has to double the quotes. Both are as in the
 * real reviews file.
 */
final class ReviewTexts {
  /** How two phrases are joined. */
  enum Join {
    SPACE,
    CRLF,
    LF
  }

  private static final String[] GOOD = {
    "Produto chegou antes do prazo, muito bem embalado.",
    "Ótimo produto, recomendo!",
    "Entrega rápida e produto de qualidade.",
    "Tudo certo, exatamente como no anúncio.",
    "Muito bom, superou minhas expectativas.",
    "Chegou tudo direitinho, obrigado.",
    "Gostei muito, a loja é confiável.",
    "Comprarei novamente, atendimento excelente.",
    "Produto conforme a descrição e prazo cumprido.",
    "Minha filha adorou o presente!",
    "Bom custo-benefício.",
    "Ainda não usei, mas parece ser de ótima qualidade.",
    "Recebi bem antes da data prevista.",
    "Material resistente e acabamento caprichado.",
    "Parabéns à equipe, entrega impecável."
  };

  private static final String[] NEUTRAL = {
    "O produto é bom, mas a entrega demorou um pouco.",
    "Razoável, esperava mais pelo preço.",
    "Veio com a caixa amassada, mas o produto está inteiro.",
    "A cor é um pouco diferente da foto.",
    "Atendeu, nada de especial.",
    "Chegou no prazo, porém sem manual em português.",
    "O tamanho é menor do que eu imaginava."
  };

  private static final String[] BAD = {
    "Não recebi o produto até agora.",
    "Comprei dois itens e só recebi um.",
    "Produto veio com defeito, quero a devolução do dinheiro.",
    "Péssimo, o prazo de entrega não foi cumprido.",
    "A entrega atrasou mais de uma semana e ninguém responde.",
    "Produto diferente do anunciado.",
    "Não recomendo esta loja.",
    "Já fiz a reclamação e até agora nada.",
    "Veio quebrado, a embalagem não protegia nada.",
    "Paguei o frete mais caro e mesmo assim atrasou."
  };

  private static final String[] QUOTED_GOOD = {
    "Produto \"top\", recomendo!", "Veio com um bilhete escrito \"obrigado pela compra\", adorei."
  };

  private static final String[] QUOTED_BAD = {
    "Na embalagem estava escrito \"original\", mas não parece.",
    "Pedi a cor \"azul marinho\" e veio preta.",
    "O rastreio mostra \"entregue\" mas não recebi nada."
  };

  private static final String[] GOOD_TITLES = {
    "Recomendo", "Ótimo", "Super recomendo", "Excelente", "Muito bom", "Adorei", "Entrega rápida"
  };

  private static final String[] NEUTRAL_TITLES = {"Bom", "Razoável", "Regular", "Mais ou menos"};

  private static final String[] BAD_TITLES = {
    "Não recebi", "Péssimo", "Produto com defeito", "Decepcionado", "Atraso na entrega"
  };

  private ReviewTexts() {}

  static String title(int score, Rng rng) {
    return pick(score >= 4 ? GOOD_TITLES : score == 3 ? NEUTRAL_TITLES : BAD_TITLES, rng);
  }

  /**
   * A message for the score: one phrase, or two joined as asked; {@code quoted} puts a phrase with
   * double quotes in it.
   */
  static String message(int score, Join join, boolean quoted, Rng rng) {
    String[] phrases = score >= 4 ? GOOD : score == 3 ? NEUTRAL : BAD;
    String first = quoted ? pick(score >= 4 ? QUOTED_GOOD : QUOTED_BAD, rng) : pick(phrases, rng);
    boolean two = join != Join.SPACE || rng.chance(0.3);
    if (!two) {
      return first;
    }
    String second = pick(phrases, rng);
    switch (join) {
      case CRLF:
        return first + "\r\n" + second;
      case LF:
        return first + "\n" + second;
      default:
        return first + " " + second;
    }
  }

  private static String pick(String[] values, Rng rng) {
    return values[rng.nextInt(values.length)];
  }
}
