package dev.lakehouse.jobs.olist.sample;

import dev.lakehouse.jobs.olist.OlistTables;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Olist's product categories: the 71 of the translation file, in its order, with English names,
 * plus the two categories products use that the translation file lacks.
 *
 * <p>Weights are roughly the number of products per category in the real catalogue; the price
 * factor scales the median item price of the category.
 */
final class OlistCategories {

  record Category(
      String name, String english, boolean translated, double weight, double priceFactor) {}

  static final List<String> TRANSLATION_HEADER = OlistTables.CATEGORY_TRANSLATION.header();

  /** Used by products, absent from the translation table (as in the real data). */
  static final String PC_GAMER = "pc_gamer";

  static final String PORTABLE_KITCHEN = "portateis_cozinha_e_preparadores_de_alimentos";

  private static final List<Category> ALL;

  static {
    List<Category> c = new ArrayList<>();
    add(c, "beleza_saude", "health_beauty", 2444, 1.0);
    add(c, "informatica_acessorios", "computers_accessories", 1639, 1.2);
    add(c, "automotivo", "auto", 1900, 1.0);
    add(c, "cama_mesa_banho", "bed_bath_table", 3029, 0.95);
    add(c, "moveis_decoracao", "furniture_decor", 2657, 0.95);
    add(c, "esporte_lazer", "sports_leisure", 2867, 1.0);
    add(c, "perfumaria", "perfumery", 868, 1.1);
    add(c, "utilidades_domesticas", "housewares", 2335, 0.9);
    add(c, "telefonia", "telephony", 1134, 0.6);
    add(c, "relogios_presentes", "watches_gifts", 1329, 1.8);
    add(c, "alimentos_bebidas", "food_drink", 104, 0.6);
    add(c, "bebes", "baby", 919, 1.3);
    add(c, "papelaria", "stationery", 849, 0.8);
    add(c, "tablets_impressao_imagem", "tablets_printing_image", 9, 0.9);
    add(c, "brinquedos", "toys", 1411, 1.1);
    add(c, "telefonia_fixa", "fixed_telephony", 116, 1.8);
    add(c, "ferramentas_jardim", "garden_tools", 753, 1.1);
    add(c, "fashion_bolsas_e_acessorios", "fashion_bags_accessories", 849, 0.8);
    add(c, "eletroportateis", "small_appliances", 231, 2.4);
    add(c, "consoles_games", "consoles_games", 317, 1.3);
    add(c, "audio", "audio", 58, 1.5);
    add(c, "fashion_calcados", "fashion_shoes", 173, 1.3);
    add(c, "cool_stuff", "cool_stuff", 789, 1.5);
    add(c, "malas_acessorios", "luggage_accessories", 349, 1.6);
    add(c, "climatizacao", "air_conditioning", 124, 1.9);
    add(c, "construcao_ferramentas_construcao", "construction_tools_construction", 400, 1.5);
    add(
        c,
        "moveis_cozinha_area_de_servico_jantar_e_jardim",
        "kitchen_dining_laundry_garden_furniture",
        94,
        1.7);
    add(c, "construcao_ferramentas_jardim", "costruction_tools_garden", 88, 1.8);
    add(c, "fashion_roupa_masculina", "fashion_male_clothing", 95, 1.0);
    add(c, "pet_shop", "pet_shop", 719, 1.1);
    add(c, "moveis_escritorio", "office_furniture", 309, 2.0);
    add(c, "market_place", "market_place", 104, 1.3);
    add(c, "eletronicos", "electronics", 517, 0.8);
    add(c, "eletrodomesticos", "home_appliances", 370, 1.2);
    add(c, "artigos_de_festas", "party_supplies", 26, 1.0);
    add(c, "casa_conforto", "home_confort", 111, 1.5);
    add(c, "construcao_ferramentas_ferramentas", "costruction_tools_tools", 39, 1.6);
    add(c, "agro_industria_e_comercio", "agro_industry_and_commerce", 74, 3.0);
    add(c, "moveis_colchao_e_estofado", "furniture_mattress_and_upholstery", 10, 1.6);
    add(c, "livros_tecnicos", "books_technical", 123, 1.0);
    add(c, "casa_construcao", "home_construction", 225, 1.3);
    add(c, "instrumentos_musicais", "musical_instruments", 289, 2.2);
    add(c, "moveis_sala", "furniture_living_room", 156, 1.8);
    add(c, "construcao_ferramentas_iluminacao", "construction_tools_lights", 78, 1.3);
    add(c, "industria_comercio_e_negocios", "industry_commerce_and_business", 68, 1.9);
    add(c, "alimentos", "food", 82, 0.7);
    add(c, "artes", "art", 55, 1.5);
    add(c, "moveis_quarto", "furniture_bedroom", 45, 1.5);
    add(c, "livros_interesse_geral", "books_general_interest", 216, 0.8);
    add(c, "construcao_ferramentas_seguranca", "construction_tools_safety", 91, 2.0);
    add(c, "fashion_underwear_e_moda_praia", "fashion_underwear_beach", 53, 0.8);
    add(c, "fashion_esporte", "fashion_sport", 19, 0.8);
    add(c, "sinalizacao_e_seguranca", "signaling_and_security", 93, 1.4);
    add(c, "pcs", "computers", 30, 12.0);
    add(c, "artigos_de_natal", "christmas_supplies", 65, 0.9);
    add(c, "fashion_roupa_feminina", "fashio_female_clothing", 27, 0.9);
    add(c, "eletrodomesticos_2", "home_appliances_2", 90, 5.0);
    add(c, "livros_importados", "books_imported", 31, 1.0);
    add(c, "bebidas", "drinks", 81, 0.8);
    add(c, "cine_foto", "cine_photo", 28, 1.1);
    add(c, "la_cuisine", "la_cuisine", 10, 2.0);
    add(c, "musica", "music", 27, 0.8);
    add(c, "casa_conforto_2", "home_comfort_2", 5, 0.4);
    add(c, "portateis_casa_forno_e_cafe", "small_appliances_home_oven_and_coffee", 31, 6.0);
    add(c, "cds_dvds_musicais", "cds_dvds_musicals", 1, 0.8);
    add(c, "dvds_blu_ray", "dvds_blu_ray", 48, 1.0);
    add(c, "flores", "flowers", 14, 0.5);
    add(c, "artes_e_artesanato", "arts_and_craftmanship", 19, 1.0);
    add(c, "fraldas_higiene", "diapers_and_hygiene", 12, 0.6);
    add(c, "fashion_roupa_infanto_juvenil", "fashion_childrens_clothes", 5, 0.9);
    add(c, "seguros_e_servicos", "security_and_services", 2, 2.0);
    c.add(new Category(PC_GAMER, null, false, 3, 2.5));
    c.add(new Category(PORTABLE_KITCHEN, null, false, 10, 3.0));
    ALL = Collections.unmodifiableList(c);
  }

  private OlistCategories() {}

  private static void add(
      List<Category> list, String name, String english, double weight, double priceFactor) {
    list.add(new Category(name, english, true, weight, priceFactor));
  }

  /** Every category products may use; the 71 translated ones first, in file order. */
  static List<Category> all() {
    return ALL;
  }

  static int indexOf(String name) {
    for (int i = 0; i < ALL.size(); i++) {
      if (ALL.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("unknown category " + name);
  }

  static WeightedPicker picker() {
    double[] weights = new double[ALL.size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = ALL.get(i).weight();
    }
    return new WeightedPicker(weights);
  }
}
